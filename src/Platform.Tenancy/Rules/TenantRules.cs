using System.Text.Json.Serialization;

namespace Platform.Tenancy.Rules;

// The typed form of one tenant's JSON file (tenants/config/{slug}.json), after any stored
// administrator override has been applied. Every line of SPEC.md's rule matrix has a home here.
public sealed record TenantRules
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required string DisplayName { get; init; }
    /// <summary>The article the name takes in a sentence (« le », « la », « l' », « les »); none when absent (« Santé au Travail 68 »).</summary>
    public string? Article { get; init; }
    /// <summary>Host names besides {slug}.{PlatformDomain} and {slug}.localhost.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];
    /// <summary>Name of a connection string for a tenant that has its own database server.</summary>
    public string? ConnectionStringName { get; init; }
    public required ThemeRules Theme { get; init; }
    public required LoginRules Login { get; init; }
    public required UserRules Users { get; init; }
    public required PaymentRules Payment { get; init; }
    public required BillingRules Billing { get; init; }
    public required IReadOnlyList<RateRules> Rates { get; init; }
    public required CancellationRules Cancellation { get; init; }
    public required HolidayCalendar HolidayCalendar { get; init; }
    public required DeclarationRules Declaration { get; init; }
    public required EmployerChangeRules EmployerChanges { get; init; }
    public bool OnlineMembership { get; init; }
    /// <summary>Which démarches (access requests) the portal offers; none when absent.</summary>
    public DemarcheRules Demarches { get; init; } = new();
    /// <summary>How visits get planned from the regulatory periodicity; nothing automatic when absent.</summary>
    public VisitPlanningRules VisitPlanning { get; init; } = new();
    /// <summary>The tenant's own company roles; the platform's default catalogue applies when absent.</summary>
    public IReadOnlyList<RoleRule>? Roles { get; init; }

    /// <summary>« de » and the name, contracted or elided: « l'espace adhérent du Service de Santé au Travail… ».</summary>
    public string OfName() => Naming.FrenchGrammar.De(Name, Article);

    /// <summary>The name with its article, as a sentence's subject: « le SIST Ouest Normandie a émis… ».</summary>
    public string NameWithArticle() => Naming.FrenchGrammar.WithArticle(Name, Article);

    /// <summary>The rates in force for a year: the latest entry whose year is not after it.</summary>
    public RateRules? RatesFor(int year) =>
        Rates.Where(r => r.Year <= year).MaxBy(r => r.Year);
}

public sealed record VisitPlanningRules
{
    /// <summary>
    /// Hiring and periodic visits follow the regulatory periodicity (seed 002: « générés automatiquement »):
    /// the nightly due-visit refresh creates their visit requests, the employer need not ask.
    /// </summary>
    public bool RequestsFromPeriodicity { get; init; }
}

public sealed record RoleRule
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    /// <summary>Permission names of Platform.Features.Access.Permission.</summary>
    public required IReadOnlyList<string> Permissions { get; init; }
}

public sealed record ThemeRules
{
    public required string PrimaryColor { get; init; }
    public required string SecondaryColor { get; init; }
    /// <summary>File name of an SVG under tenants/assets.</summary>
    public required string Logo { get; init; }
    public required ContactRules Contact { get; init; }
}

public sealed record ContactRules
{
    public required string Phone { get; init; }
    public required string Email { get; init; }
    public required string OpeningHours { get; init; }
    public string? Address { get; init; }
}

public enum LoginIdentifier { Email, MemberNumber }
public enum LoginProof { Password, EmailCode }

public sealed record LoginRules
{
    public required LoginIdentifier Identifier { get; init; }
    public required LoginProof Proof { get; init; }
    public PasswordRule? PasswordRule { get; init; }
    public EmailCodeRule? EmailCode { get; init; }
    public required LockoutRule Lockout { get; init; }
    /// <summary>How many past connections the user sees (0: none).</summary>
    public int ConnectionHistorySize { get; init; }
    /// <summary>A separate sign-in for accountant firms acting as proxies (mandataires).</summary>
    public bool ProxyLogin { get; init; }
}

public sealed record PasswordRule
{
    /// <summary>
    /// The platform-wide floor under every tenant's rule (a person's password is one, platform-wide):
    /// 8 characters with the four kinds, what every seed asks. With the per-account and per-IP limits and
    /// the lockouts, this is stricter than the CNIL's 8-characters-three-kinds-with-throttling case.
    /// A tenant's rule may only be stricter (TenantRulesValidator).
    /// </summary>
    public static readonly PasswordRule PlatformMinimum = new()
    {
        MinLength = 8, RequireUpper = true, RequireLower = true, RequireDigit = true, RequireSpecial = true,
    };

    /// <summary>At least as strict as <paramref name="floor"/> on every point.</summary>
    public bool IsAtLeast(PasswordRule floor) =>
        MinLength >= floor.MinLength && (RequireUpper || !floor.RequireUpper) && (RequireLower || !floor.RequireLower)
        && (RequireDigit || !floor.RequireDigit) && (RequireSpecial || !floor.RequireSpecial);

    public required int MinLength { get; init; }
    public bool RequireUpper { get; init; }
    public bool RequireLower { get; init; }
    public bool RequireDigit { get; init; }
    public bool RequireSpecial { get; init; }
    public bool StrengthMeter { get; init; }
}

public sealed record EmailCodeRule
{
    public int Digits { get; init; } = 6;
    public int ValidityMinutes { get; init; } = 10;
    public int MaxWrongTries { get; init; } = 5;
    public int ResendAfterSeconds { get; init; } = 60;
}

public enum LockoutMode { None, Temporary, UntilUnlockedByStaff }

public sealed record LockoutRule
{
    public required LockoutMode Mode { get; init; }
    public int MaxFailures { get; init; }
    public int? LockMinutes { get; init; }
    /// <summary>What a locked-out user reads, in French.</summary>
    public string? Message { get; init; }
}

public enum SubUserModel { DelegatedByStaff, AccessRequest, EmployerInvitation, ProxyAccounts }
public enum AccountantAccess { None, AccessRequest, ExternalUser, ProxyLogin }

public sealed record UserRules
{
    public required SubUserModel SubUsers { get; init; }
    public required AccountantAccess AccountantAccess { get; init; }
    /// <summary>People create their own account and activate it from an e-mailed link (sstrn).</summary>
    public bool SelfRegistration { get; init; }
}

/// <summary>
/// The démarches of seeds 000/001 (sstrn). A tenant that adds people another way (invitations,
/// staff, proxy accounts) offers none: its forms are neither shown nor accepted.
/// </summary>
public sealed record DemarcheRules
{
    /// <summary>Synchroniser votre adhérent (member number + SIREN, confirmed by a code or by staff).</summary>
    public bool Synchronize { get; init; }
    /// <summary>Demander la gestion d'un adhérent (decided by its administrators).</summary>
    public bool Manage { get; init; }
    /// <summary>Modifier l'administrateur d'un compte adhérent (staff).</summary>
    public bool ChangeAdministrator { get; init; }
    /// <summary>Signaler un rachat de société ou un changement de dirigeant (staff).</summary>
    public bool Takeover { get; init; }
    /// <summary>Demander la fusion/absorption d'entreprises (staff).</summary>
    public bool Merger { get; init; }

    [JsonIgnore] public bool Any => Synchronize || Manage || ChangeAdministrator || Takeover || Merger;
}

[JsonConverter(typeof(JsonStringEnumConverter<PaymentMethod>))]
public enum PaymentMethod { SepaDebit, Card, Transfer, Cheque }

public sealed record PaymentRules
{
    public required IReadOnlyList<PaymentMethod> Methods { get; init; }
    /// <summary>Discount on the annual contribution for members paying by SEPA debit, in percent.</summary>
    public decimal SepaDiscountPercent { get; init; }
    /// <summary>Calendar days between the pre-notification e-mail and the debit.</summary>
    public int? SepaPreNotificationDays { get; init; }
    /// <summary>Invoices due before the mandate was signed are paid by this method.</summary>
    public PaymentMethod? BeforeMandateMethod { get; init; }
    /// <summary>The member picks the method in the annual declaration.</summary>
    public bool ChosenAtDeclaration { get; init; }
    /// <summary>The service's SEPA creditor identifier (ICS, « FRkk ZZZ nnnnnn »), printed on mandates; required with SEPA debit.</summary>
    public string? CreditorIdentifier { get; init; }
    /// <summary>The service's account for transfers (invoices due before a mandate, or no mandate), shown to members.</summary>
    public BankDetails? BankDetails { get; init; }
}

/// <summary>A bank account as a French RIB shows it.</summary>
public sealed record BankDetails
{
    public required string AccountHolder { get; init; }
    public required string Iban { get; init; }
    public string? Bic { get; init; }
    public string? BankName { get; init; }
}

public enum BillingCycle { Monthly, Quarterly, Annual }

public sealed record BillingRules
{
    public required BillingCycle Cycle { get; init; }
    /// <summary>Number of instalments the contribution of one cycle is split into.</summary>
    public int Instalments { get; init; } = 1;
    /// <summary>Temp-worker accounts are billed per visit rather than per head.</summary>
    public bool TempAgencyPerVisit { get; init; }
    /// <summary>Days between an invoice and its (first) due date.</summary>
    public int PaymentTermDays { get; init; } = 30;
    /// <summary>Days after the start of a period before the automatic billing run bills it (e.g. after the declaration window).</summary>
    public int RunAfterDays { get; init; }
    /// <summary>The service's own identifiers printed on its invoices (SIRET, intra-EU VAT number), when it gives them.</summary>
    public string? IssuerSiret { get; init; }
    public string? IssuerVatNumber { get; init; }
    /// <summary>The legal mentions of a French B2B invoice (Code de commerce L441-9, L441-10); the defaults apply when absent.</summary>
    public InvoiceMentions Mentions { get; init; } = new();
}

/// <summary>What every invoice states about late payment and early payment (Code de commerce L441-9 and L441-10).</summary>
public sealed record InvoiceMentions
{
    public string LatePaymentPenalty { get; init; } =
        "En cas de retard de paiement, des pénalités sont dues au taux d'intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus récente, majoré de 10 points.";
    /// <summary>The fixed indemnity for recovery costs owed by a professional debtor paying late (40 € minimum, D441-5).</summary>
    public decimal RecoveryIndemnity { get; init; } = 40m;
    public string EarlyPaymentDiscount { get; init; } = "Aucun escompte n'est accordé pour paiement anticipé.";
}

public sealed record RateRules
{
    public required int Year { get; init; }
    /// <summary>Contribution per employee followed, excluding VAT.</summary>
    public required decimal PerEmployee { get; init; }
    public decimal? ApprenticeVisit { get; init; }
    public decimal? TempWorkerVisit { get; init; }
    /// <summary>Entry fee (droit d'entrée) billed once to a new member, excluding VAT; none when absent.</summary>
    public decimal? EntryFee { get; init; }
    public required decimal VatPercent { get; init; }
    /// <summary>The general assembly approved a rate outside 80–120 % of the national average.</summary>
    public bool ApprovedOutsideNationalRange { get; init; }
}

/// <summary>
/// How an employer cancels an appointment within the notice: online at once (sist-on), by a cancellation
/// request that staff confirm (sstbtp-bfc, seed 003), or only by calling the medical secretary (sstrn).
/// </summary>
public enum CancellationChannel { Online, MedicalSecretary, Request }

public sealed record CancellationRules
{
    /// <summary>Appointments cancel online until this many hours before.</summary>
    public int? Hours { get; init; }
    /// <summary>…or until this many working days (jours ouvrés) before, on the tenant's calendar.</summary>
    public int? WorkingDays { get; init; }
    public CancellationChannel AppointmentChannel { get; init; } = CancellationChannel.Online;
    /// <summary>Pending visit requests can always be cancelled online.</summary>
    public bool PendingRequestsCancelOnline { get; init; } = true;
}

public enum HolidayCalendar { France, AlsaceMoselle }

public enum DeclarationWindow { YearlyMonths, AnyTime, Campaigns }

public sealed record DeclarationRules
{
    public required DeclarationWindow Window { get; init; }
    /// <summary>With YearlyMonths: first and last month (1–12) of the window, both included.</summary>
    public int? OpensMonth { get; init; }
    public int? ClosesMonth { get; init; }
    public IReadOnlyList<DeclarationCampaign> Campaigns { get; init; } = [];
    /// <summary>Days during which a submitted declaration can still be edited (0: never).</summary>
    public int EditableDaysAfterSubmission { get; init; }
    public bool NotDueInJoiningYear { get; init; }
    /// <summary>
    /// The steps of the declaration wizard, in order (sstbtp-bfc adds the administrative information and
    /// the follow-up determinants, seed 003). The list check, the estimate and the signature are always there.
    /// </summary>
    public IReadOnlyList<DeclarationStep> Steps { get; init; } = DefaultSteps;

    public static readonly IReadOnlyList<DeclarationStep> DefaultSteps =
        [DeclarationStep.Staff, DeclarationStep.Employees, DeclarationStep.Estimate, DeclarationStep.Signature];
}

/// <summary>One step of the declaration wizard: "did you employ staff on 31/12?", administrative information, follow-up determinants, the list check, the estimate, the signature.</summary>
public enum DeclarationStep { Staff, Administrative, Determinants, Employees, Estimate, Signature }

public sealed record DeclarationCampaign
{
    /// <summary>The year whose headcount is declared.</summary>
    public required int Year { get; init; }
    public required DateOnly OpensOn { get; init; }
    public required DateOnly ClosesOn { get; init; }
    public required DateOnly DueOn { get; init; }
}

public enum StaffValidation { None, NewEmployees, AllChanges }

public sealed record EmployerChangeRules
{
    public required StaffValidation NeedStaffValidation { get; init; }
    /// <summary>A validated change takes effect the day after validation.</summary>
    public bool TakesEffectNextDay { get; init; }
    /// <summary>Employees show only once the annual declaration is validated.</summary>
    public bool EmployeesVisibleAfterDeclaration { get; init; }
    public EmployeeSectionLock? EmployeeSectionLock { get; init; }
}

/// <summary>The employee section is read-only for employers during one month (sst68: January).</summary>
public sealed record EmployeeSectionLock
{
    public required int Month { get; init; }
    public required string Message { get; init; }
}
