using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Features.Access;
using Platform.Features.Notifications;
using Platform.Features.TenantSettings;

namespace Platform.Features;

public static class FeaturesSetup
{
    public static IServiceCollection AddPlatformFeatures(this IServiceCollection services, int signInAttemptsPerAccount = 20)
    {
        services.AddSingleton(new SignInThrottle(signInAttemptsPerAccount, TimeSpan.FromMinutes(5)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TenantRulesCache>();
        services.AddScoped<TenantRulesAdministration>();
        services.AddScoped<CurrentUser>();
        services.AddSingleton<TotpCodes>();
        services.AddScoped<SignInService>();
        services.AddScoped<AccountService>();
        services.AddScoped<MeService>();
        services.AddScoped<AccountLookup>();
        services.AddScoped<ConnectionHistory>();
        services.AddScoped<EmailCodeSignIn>();
        services.AddScoped<PasswordReset>();
        services.AddScoped<EmailOutbox>();
        services.AddScoped<CompanyAccess>();
        services.AddScoped<Platform.Features.Companies.CompanyDirectory>();
        services.AddScoped<CompanyUsers>();
        services.AddScoped<NotificationPreferences>();
        services.AddScoped<Notifications.NotificationRecipients>();
        services.AddScoped<AccessRequests>();
        services.AddScoped<StaffDesk>();
        services.AddScoped<AccountCreation>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<ApiClients>();
        services.AddScoped<EmailLinks>();
        services.AddScoped<OutboxDelivery>();
        services.AddScoped<Companies.CompanyProfile>();
        services.AddScoped<Companies.CompanyContacts>();
        services.AddScoped<Companies.HealthTeams>();
        services.AddScoped<Companies.SituationRequests>();
        services.AddScoped<Workstations.WorkstationService>();
        services.AddScoped<Employees.WorkstationOccupancy>();
        services.AddSingleton<Employees.EmployeeNir>();
        services.AddScoped<Employees.EmployeeService>();
        services.AddScoped<Employees.EmployeeChanges>();
        services.AddScoped<Employees.EmployeeImports>();
        services.AddScoped<Billing.InvoiceService>();
        services.AddScoped<Visits.EmployeeVisitRequests>();
        services.AddScoped<Visits.VisitRequestService>();
        services.AddScoped<Declarations.DeclarationService>();
        services.AddScoped<CrossTenant.CrossTenantReader>();
        return services;
    }
}
