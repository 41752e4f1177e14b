using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Features.Notifications;

public static class NotificationsSetup
{
    public static IServiceCollection AddPlatformEmail(this IServiceCollection services, EmailSettings settings)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton(NodeIdentity.ForThisProcess());
        if (settings.Transport == EmailTransportKind.Smtp) services.AddSingleton<IEmailTransport, SmtpEmailTransport>();
        else services.AddSingleton<IEmailTransport, FileEmailTransport>();
        return services;
    }
}
