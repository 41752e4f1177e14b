using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Platform.Features.Notifications;

/// <summary>Hands one message over for delivery; throws when it could not.</summary>
public interface IEmailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>Production: MailKit over SMTP.</summary>
public sealed class SmtpEmailTransport(EmailSettings settings) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort,
            settings.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (settings.UserName is not null) await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>Development: each message becomes an .eml file under {data}/outbox, to open with any mail reader.</summary>
public sealed class FileEmailTransport(EmailSettings settings, TimeProvider time) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(settings.OutboxDirectory);
        var name = $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml";
        await message.WriteToAsync(Path.Combine(settings.OutboxDirectory, name), ct);
    }
}
