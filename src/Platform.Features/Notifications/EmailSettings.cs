using Microsoft.Extensions.Configuration;

namespace Platform.Features.Notifications;

public enum EmailTransportKind { Files, Smtp }

/// <summary>
/// Email:Transport (Files writes .eml files under {data}/outbox, the default without an SMTP host),
/// Email:Smtp:Host/Port/UserName/Password/UseTls, Email:From, Email:DeliveryIntervalSeconds.
/// </summary>
public sealed record EmailSettings(
    EmailTransportKind Transport, string? SmtpHost, int SmtpPort, string? UserName, string? Password, bool UseTls,
    string FromAddress, string OutboxDirectory, double DeliveryIntervalSeconds)
{
    /// <summary>Development only: the one-time codes of e-mails written to files also go to the log.</summary>
    public bool LogSignInCodes { get; init; }

    public static EmailSettings From(IConfiguration configuration, string dataDirectory)
    {
        var host = configuration["Email:Smtp:Host"];
        var transport = configuration["Email:Transport"] is { } named
            ? Enum.Parse<EmailTransportKind>(named, ignoreCase: true)
            : host is null ? EmailTransportKind.Files : EmailTransportKind.Smtp;
        if (transport == EmailTransportKind.Smtp && string.IsNullOrWhiteSpace(host))
            throw new InvalidOperationException("Email:Smtp:Host est obligatoire avec Email:Transport=Smtp.");
        return new EmailSettings(transport, host, configuration.GetValue("Email:Smtp:Port", 25),
            configuration["Email:Smtp:UserName"], configuration["Email:Smtp:Password"], configuration.GetValue("Email:Smtp:UseTls", false),
            configuration["Email:From"] ?? "ne-pas-repondre@espace-adherent.fr",
            Path.Combine(dataDirectory, "outbox"), configuration.GetValue("Email:DeliveryIntervalSeconds", 5.0));
    }
}
