using Platform.Host.Infrastructure;

namespace Platform.Host.Tests.Portal;

/// <summary>The host's command line: a command word first, ASP.NET Core's switches in either documented form.</summary>
public sealed class HostCommandTests
{
    [Theory]
    [InlineData("--urls http://127.0.0.1:5005")]
    [InlineData("--urls=http://127.0.0.1:5005")]
    [InlineData("--environment Staging --urls http://127.0.0.1:5005")]
    [InlineData("")]
    public void Switches_and_their_values_start_the_server(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (command, hostArgs, unknown) = HostCommand.Parse(args);
        Assert.Null(command);
        Assert.Null(unknown);
        Assert.Equal(args, hostArgs);
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("seed-demo")]
    public void A_command_word_comes_first_and_the_switches_after_it_go_to_the_host(string word)
    {
        var (command, hostArgs, unknown) = HostCommand.Parse([word, "--urls", "http://127.0.0.1:5005"]);
        Assert.Equal(word, command);
        Assert.Null(unknown);
        Assert.Equal(["--urls", "http://127.0.0.1:5005"], hostArgs);
    }

    [Fact]
    public void An_unknown_word_is_named()
    {
        var (command, _, unknown) = HostCommand.Parse(["migrer"]);
        Assert.Null(command);
        Assert.Equal("migrer", unknown);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("aide")]
    [InlineData("migrate --help")]
    public void Help_is_asked_anywhere_and_lists_every_command(string commandLine)
    {
        var (command, hostArgs, unknown) = HostCommand.Parse(commandLine.Split(' '));
        Assert.Equal(HostCommand.Help, command);
        Assert.Null(unknown);
        Assert.Empty(hostArgs);
        foreach (var word in new[] { HostCommand.Migrate, HostCommand.SeedDemo, HostCommand.RefreshDueVisits })
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(HostCommand.Usage, $"^  {word} ", System.Text.RegularExpressions.RegexOptions.Multiline).Count);
    }
}
