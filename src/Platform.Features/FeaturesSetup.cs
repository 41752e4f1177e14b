using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Features.Access;
using Platform.Features.Notifications;
using Platform.Features.TenantSettings;

namespace Platform.Features;

public static class FeaturesSetup
{
    public static IServiceCollection AddPlatformFeatures(this IServiceCollection services, int signInAttemptsPerAccount = 20, int signInFailuresPerIp = 30)
    {
        services.AddSingleton(new SignInLimits(signInAttemptsPerAccount, TimeSpan.FromMinutes(5), signInFailuresPerIp, TimeSpan.FromMinutes(15)));
        services.AddSingleton<SignInThrottle>();
        // Counters every node shares (rate limits, change counters): the platform database unless the host registered Redis.
        services.TryAddSingleton<Nodes.ISharedCounters, Nodes.DatabaseCounters>();
        services.AddSingleton<Nodes.RuleChangeSignal>();
        services.AddScoped<SignInLockout>();
        services.AddSingleton<UnknownAccountLockouts>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TenantRulesCache>();
        services.AddScoped<TenantRulesAdministration>();
        services.AddScoped<CurrentUser>();
        services.AddSingleton<TotpCodes>();
        services.AddScoped<SignInService>();
        services.AddScoped<AccountService>();
        services.AddScoped<Sessions>();
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
        services.AddDemarcheThrottle(10);
        services.AddScoped<Demarches.DemarcheSupport>();
        services.AddScoped<Demarches.CompanySynchronization>();
        services.AddScoped<Demarches.ManagementRequests>();
        services.AddScoped<Demarches.AdministratorChanges>();
        services.AddScoped<Demarches.TakeoverReports>();
        services.AddScoped<Demarches.MergerRequests>();
        services.AddScoped<Demarches.AccessRequestDecisions>();
        services.AddScoped<Notifications.NotificationRecipients>();
        services.AddScoped<StaffDesk>();
        services.AddScoped<AccountCreation>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<ApiClients>();
        services.AddScoped<Home.Landing>();
        services.AddScoped<Home.CompanyToDo>();
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
        services.AddScoped<Employees.EmployeeLock>();
        services.AddScoped<Employees.EmployeeDeclarations>();
        services.AddScoped<Employees.EmployeeCareers>();
        services.AddScoped<Employees.EmployeeQueries>();
        services.AddSingleton<Employees.EmployeeListCache>();
        services.AddScoped<Employees.EmployeeChanges>();
        services.AddScoped<Employees.EmployeeImports>();
        services.AddScoped<Billing.InvoiceService>();
        services.AddScoped<Billing.BillableVisits>();
        services.AddScoped<Billing.BillingRuns>();
        services.AddScoped<Billing.InvoiceDocuments>();
        services.AddSingleton<Payments.StripeAccounts>();
        services.AddScoped<Payments.CardPayments>();
        services.AddScoped<Payments.PaymentSettlement>();
        services.AddScoped<Payments.PaymentHistory>();
        services.AddScoped<Payments.Refunds>();
        services.AddSingleton<Payments.StripeWebhook>();
        // One class per Stripe event type: the SEPA debits add theirs beside these.
        services.AddScoped<Payments.IStripeEventHandler, Payments.CheckoutSessionCompletedHandler>();
        services.AddScoped<Payments.IStripeEventHandler, Payments.PaymentIntentSucceededHandler>();
        services.AddScoped<Payments.IStripeEventHandler, Payments.PaymentIntentFailedHandler>();
        services.AddScoped<Payments.IStripeEventHandler, Payments.Sepa.SepaDebitSucceededHandler>();
        services.AddScoped<Payments.IStripeEventHandler, Payments.Sepa.SepaDebitFailedHandler>();
        services.AddScoped<Visits.EmployeeVisitRequests>();
        services.AddScoped<DueVisits.DueVisitsRefresh>();
        services.AddScoped<DueVisits.DueVisitList>();
        services.AddScoped<DueVisits.FollowUpHistoryService>();
        services.AddScoped<DueVisits.DueVisitDigest>();
        services.AddScoped<DueVisits.PeriodicityRequests>();
        services.AddScoped<Visits.VisitRequestService>();
        services.AddScoped<Documents.StoredFiles>();
        services.AddScoped<Documents.DocumentService>();
        services.AddScoped<Appointments.EmployeeAppointments>();
        services.AddScoped<Appointments.Convocations>();
        services.AddScoped<Appointments.AppointmentService>();
        services.AddScoped<Appointments.VisitScheduling>();
        services.AddScoped<Appointments.VisitCertificates>();
        services.AddScoped<Declarations.DeclarationService>();
        services.AddScoped<Declarations.DeclarationWizard>();
        services.AddScoped<Billing.SepaMandateState>();
        services.AddSingleton<Payments.Sepa.SepaIbanProtection>();
        services.AddScoped<Payments.Sepa.SepaMandates>();
        services.AddScoped<Payments.Sepa.SepaDebits>();
        // SEPA through the tenant's Stripe account; not configured without Payments:Stripe:SecretKey.
        services.AddScoped<Payments.Sepa.ISepaGateway, Payments.Sepa.StripeSepaGateway>();
        // One pending-change workflow; each feature applies its own kinds.
        services.AddScoped<PendingChanges.PendingChanges>();
        services.AddScoped<PendingChanges.IPendingChangeApplier>(sp => sp.GetRequiredService<Companies.CompanyProfile>());
        services.AddScoped<PendingChanges.IPendingChangeApplier>(sp => sp.GetRequiredService<Companies.CompanyContacts>());
        services.AddScoped<PendingChanges.IPendingChangeApplier>(sp => sp.GetRequiredService<Workstations.WorkstationService>());
        services.AddScoped<PendingChanges.IPendingChangeApplier>(sp => sp.GetRequiredService<Employees.EmployeeChanges>());
        services.AddScoped<CrossTenant.CrossTenantReader>();
        return services;
    }

    /// <summary>The per-account hourly budget of the démarches that try numbers against the register (the last call wins).</summary>
    public static IServiceCollection AddDemarcheThrottle(this IServiceCollection services, int attemptsPerHour) =>
        services.AddSingleton(new Demarches.DemarcheLimit(attemptsPerHour)).AddSingleton<Demarches.DemarcheThrottle>();
}
