using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Companies;
using Platform.Features.PendingChanges;
using Platform.GraphQL.Common;

namespace Platform.GraphQL.Companies;

public sealed class PostalAddressType : ObjectGraphType<PostalAddress>
{
    public PostalAddressType()
    {
        Name = "PostalAddress";
        Field<NonNullGraphType<StringGraphType>>("line1").Resolve(c => c.Source.Line1);
        Field<StringGraphType>("line2").Resolve(c => c.Source.Line2);
        Field<NonNullGraphType<StringGraphType>>("postalCode").Resolve(c => c.Source.PostalCode);
        Field<NonNullGraphType<StringGraphType>>("city").Resolve(c => c.Source.City);
        Field<StringGraphType>("companyName").Resolve(c => c.Source.CompanyName);
    }
}

public sealed class PostalAddressInput
{
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? CompanyName { get; set; }
    public PostalAddress ToAddress() => new(Line1 ?? "", Line2, PostalCode ?? "", City ?? "", CompanyName);
}

public sealed class PostalAddressInputType : InputObjectGraphType<PostalAddressInput>
{
    public PostalAddressInputType()
    {
        Name = "PostalAddressInput";
        Field<StringGraphType>("line1");
        Field<StringGraphType>("line2");
        Field<StringGraphType>("postalCode");
        Field<StringGraphType>("city");
        Field<StringGraphType>("companyName");
    }
}

public sealed class CompanyDetailsType : ObjectGraphType<CompanyDetailsView>
{
    public CompanyDetailsType()
    {
        Name = "CompanyDetails";
        Field<DateScalar>("creationDate").Resolve(c => c.Source.CreationDate);
        Field<StringGraphType>("activity").Resolve(c => c.Source.Activity);
        Field<StringGraphType>("phone").Resolve(c => c.Source.Phone);
        Field<StringGraphType>("fax").Resolve(c => c.Source.Fax);
        Field<PostalAddressType>("mainAddress").Resolve(c => c.Source.MainAddress);
        Field<PostalAddressType>("billingAddress").Resolve(c => c.Source.EffectiveBillingAddress);
        Field<PostalAddressType>("convocationAddress").Resolve(c => c.Source.EffectiveConvocationAddress);
        Field<NonNullGraphType<BooleanGraphType>>("billingAddressIsMain").Resolve(c => c.Source.BillingAddress is null);
        Field<NonNullGraphType<BooleanGraphType>>("convocationAddressIsMain").Resolve(c => c.Source.ConvocationAddress is null);
    }
}

public sealed class ContactType : ObjectGraphType<ContactView>
{
    public ContactType()
    {
        Name = "CompanyContact";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("function").Resolve(c => c.Source.Function);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("email").Resolve(c => c.Source.Email);
        Field<StringGraphType>("phone").Resolve(c => c.Source.Phone);
    }
}

public sealed class HealthTeamType : ObjectGraphType<HealthTeamView>
{
    public HealthTeamType()
    {
        Name = "HealthTeam";
        Field<StringGraphType>("doctor").Resolve(c => c.Source.Doctor);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("nurses").Resolve(c => c.Source.Nurses);
        Field<StringGraphType>("medicalSecretary").Resolve(c => c.Source.MedicalSecretary);
        Field<StringGraphType>("medicalSecretaryPhone").Resolve(c => c.Source.MedicalSecretaryPhone);
        Field<StringGraphType>("medicalSecretaryEmail").Resolve(c => c.Source.MedicalSecretaryEmail);
        Field<StringGraphType>("iprp").Resolve(c => c.Source.Iprp);
        Field<StringGraphType>("asst").Resolve(c => c.Source.Asst);
        Field<StringGraphType>("preventionAdviser").Resolve(c => c.Source.PreventionAdviser);
        Field<StringGraphType>("centreName").Resolve(c => c.Source.CentreName);
        Field<StringGraphType>("centreAddress").Resolve(c => c.Source.CentreAddress);
        Field<StringGraphType>("openingHours").Resolve(c => c.Source.OpeningHours);
    }
}

public sealed class HealthTeamInput
{
    public string CompanyId { get; set; } = "";
    public string? Doctor { get; set; }
    public List<string>? Nurses { get; set; }
    public string? MedicalSecretary { get; set; }
    public string? MedicalSecretaryPhone { get; set; }
    public string? MedicalSecretaryEmail { get; set; }
    public string? Iprp { get; set; }
    public string? Asst { get; set; }
    public string? PreventionAdviser { get; set; }
    public string? CentreName { get; set; }
    public string? CentreAddress { get; set; }
    public string? OpeningHours { get; set; }

    public HealthTeamView ToView() => new(Doctor, Nurses ?? [], MedicalSecretary, MedicalSecretaryPhone, MedicalSecretaryEmail, Iprp, Asst, PreventionAdviser, CentreName, CentreAddress, OpeningHours);
}

public sealed class HealthTeamInputType : InputObjectGraphType<HealthTeamInput>
{
    public HealthTeamInputType()
    {
        Name = "SetHealthTeamInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        foreach (var name in new[] { "doctor", "medicalSecretary", "medicalSecretaryPhone", "medicalSecretaryEmail", "iprp", "asst", "preventionAdviser", "centreName", "centreAddress", "openingHours" })
            Field<StringGraphType>(name);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("nurses");
    }
}

public sealed class SituationChangeEnumType : EnumerationGraphType<SituationChange>
{
    public SituationChangeEnumType() => Name = "SituationChange";
}

public sealed class RequestStateEnumType : EnumerationGraphType<RequestState>
{
    public RequestStateEnumType() => Name = "RequestState";
}

public sealed class SituationRequestType : ObjectGraphType<SituationRequestView>
{
    public SituationRequestType()
    {
        Name = "SituationRequest";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("companyId").Resolve(c => c.Source.CompanyId);
        Field<NonNullGraphType<StringGraphType>>("companyName").Resolve(c => c.Source.CompanyName);
        Field<NonNullGraphType<SituationChangeEnumType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(c => c.Source.Reason);
        Field<NonNullGraphType<DateScalar>>("effectiveDate").Resolve(c => c.Source.EffectiveDate);
        Field<NonNullGraphType<RequestStateEnumType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<DateTimeScalar>>("requestedAt").Resolve(c => c.Source.RequestedAt);
    }
}

public sealed class PendingCompanyChangeType : ObjectGraphType<PendingChangeView>
{
    public PendingCompanyChangeType()
    {
        Name = "PendingCompanyChange";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("companyId").Resolve(c => c.Source.CompanyId);
        Field<NonNullGraphType<StringGraphType>>("companyName").Resolve(c => c.Source.CompanyName);
        Field<NonNullGraphType<StringGraphType>>("memberNumber").Resolve(c => c.Source.MemberNumber);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => Asked(c.Source, "name")?.Name ?? c.Source.CompanyName);
        Field<StringGraphType>("legalForm").Resolve(c => Asked(c.Source, "legalForm")?.LegalForm);
        Field<StringGraphType>("nafCode").Resolve(c => Asked(c.Source, "nafCode")?.NafCode);
        Field<StringGraphType>("activity").Resolve(c => Asked(c.Source, "activity")?.Activity);
        Field<PostalAddressType>("mainAddress").Resolve(c => Asked(c.Source, "mainAddress")?.MainAddress);
        Field<NonNullGraphType<RequestStateEnumType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<DateTimeScalar>>("requestedAt").Resolve(c => c.Source.RequestedAt);
        Field<DateScalar>("effectiveOn").Resolve(c => c.Source.EffectiveOn);
        Platform.GraphQL.PendingChanges.PendingChangeFields.Add(this);
    }

    // The values asked for when the change names the field; a change only carries what the employer changed.
    private static CompanyDetails? Asked(PendingChangeView change, string field) =>
        CompanyProfile.DetailsChangeOf(change) is { } asked && asked.Changed.Contains(field) ? asked.Values : null;
}

public sealed class CompanyDetailsInput
{
    public string CompanyId { get; set; } = "";
    public string? Name { get; set; }
    public string? LegalForm { get; set; }
    public DateOnly? CreationDate { get; set; }
    public string? NafCode { get; set; }
    public string? Activity { get; set; }
    public PostalAddressInput? MainAddress { get; set; }
    public PostalAddressInput? BillingAddress { get; set; }
    public PostalAddressInput? ConvocationAddress { get; set; }
    public string? Phone { get; set; }
    public string? Fax { get; set; }
    /// <summary>The fields the request gave (null included): an absent field is unchanged.</summary>
    public HashSet<string> Given { get; set; } = [];

    public CompanyDetails ToDetails() => new(Name, LegalForm, CreationDate, NafCode, Activity, MainAddress?.ToAddress(), BillingAddress?.ToAddress(), ConvocationAddress?.ToAddress(), Phone, Fax);
}

public sealed class CompanyDetailsInputType : InputObjectGraphType<CompanyDetailsInput>
{
    public CompanyDetailsInputType()
    {
        Name = "UpdateCompanyDetailsInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<StringGraphType>("name");
        Field<StringGraphType>("phone");
        Field<StringGraphType>("fax");
        Field<StringGraphType>("legalForm");
        Field<DateScalar>("creationDate");
        Field<StringGraphType>("nafCode");
        Field<StringGraphType>("activity");
        Field<PostalAddressInputType>("mainAddress");
        Field<PostalAddressInputType>("billingAddress");
        Field<PostalAddressInputType>("convocationAddress");
    }

    // GraphQL keeps an absent field out of the coerced map and an explicit null in it: remember which were given.
    public override object ParseDictionary(IDictionary<string, object?> value)
    {
        var input = (CompanyDetailsInput)base.ParseDictionary(value);
        input.Given = value.Keys.Where(k => k != "companyId").ToHashSet();
        return input;
    }
}

public sealed class UpdateCompanyDetailsPayloadType : ObjectGraphType<Outcome<CompanyDetailsView>>
{
    public UpdateCompanyDetailsPayloadType()
    {
        Name = "UpdateCompanyDetailsPayload";
        Field<CompanyDetailsType>("details").Resolve(c => c.Source.Value);
        Field<PendingCompanyChangeType>("pendingChange").Resolve(c => c.Source.Pending);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class ContactInput
{
    public string CompanyId { get; set; } = "";
    public string? Id { get; set; }
    public string? Function { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}

public sealed class ContactInputType : InputObjectGraphType<ContactInput>
{
    public ContactInputType()
    {
        Name = "SaveContactInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<IdGraphType>("id");
        Field<NonNullGraphType<StringGraphType>>("function");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<StringGraphType>("email");
        Field<StringGraphType>("phone");
    }
}

public sealed class ContactPayloadType : ObjectGraphType<Outcome<ContactView>>
{
    public ContactPayloadType()
    {
        Name = "ContactPayload";
        Field<ContactType>("contact").Resolve(c => c.Source.Value);
        Field<Platform.GraphQL.PendingChanges.EmployerChangeType>("pendingChange").Resolve(c => c.Source.Pending);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class HealthTeamPayloadType : ObjectGraphType<Outcome<HealthTeamView>>
{
    public HealthTeamPayloadType()
    {
        Name = "HealthTeamPayload";
        Field<HealthTeamType>("healthTeam").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class SituationPayloadType : ObjectGraphType<Outcome<SituationRequestView>>
{
    public SituationPayloadType()
    {
        Name = "SituationRequestPayload";
        Field<SituationRequestType>("request").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class DecisionPayloadType : ObjectGraphType<Outcome<PendingChangeView>>
{
    public DecisionPayloadType()
    {
        Name = "CompanyChangeDecisionPayload";
        Field<PendingCompanyChangeType>("change").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class SituationInput
{
    public string CompanyId { get; set; } = "";
    public SituationChange Kind { get; set; }
    public string? Reason { get; set; }
    public DateOnly? EffectiveDate { get; set; }
}

public sealed class SituationInputType : InputObjectGraphType<SituationInput>
{
    public SituationInputType()
    {
        Name = "RequestSituationChangeInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<NonNullGraphType<SituationChangeEnumType>>("kind");
        Field<NonNullGraphType<StringGraphType>>("reason");
        Field<NonNullGraphType<DateScalar>>("effectiveDate");
    }
}

public sealed class DecideInput
{
    public string Id { get; set; } = "";
    public bool Accept { get; set; }
}

public sealed class DecideInputType : InputObjectGraphType<DecideInput>
{
    public DecideInputType()
    {
        Name = "DecideStaffRequestInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<BooleanGraphType>>("accept");
    }
}

public static class CompanyProfileOperations
{
    public static void AddCompanyFields(ObjectGraphType<CompanyView> company)
    {
        company.Field<CompanyDetailsType>("details").ResolveAsync(async c => await S<CompanyProfile>(c).GetAsync(c.Source.Id, c.CancellationToken));
        company.Field<PendingCompanyChangeType>("pendingChange")
            .ResolveAsync(async c => await S<CompanyProfile>(c).PendingForAsync(c.Source.Id, c.CancellationToken));
        company.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ContactType>>>>("contacts").ResolveAsync(async c => await S<CompanyContacts>(c).ListAsync(c.Source.Id, c.CancellationToken));
        company.Field<HealthTeamType>("healthTeam").ResolveAsync(async c => await S<HealthTeams>(c).GetAsync(c.Source.Id, c.CancellationToken));
        company.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SituationRequestType>>>>("situationRequests").ResolveAsync(async c => await S<SituationRequests>(c).ForCompanyAsync(c.Source.Id, c.CancellationToken));
    }

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PendingCompanyChangeType>>>>("companyChangesAwaitingDecision")
            .ResolveAsync(async c => await S<Platform.Features.PendingChanges.PendingChanges>(c).AwaitingDecisionAsync(CompanyKinds, c.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SituationRequestType>>>>("situationRequestsAwaitingDecision")
            .ResolveAsync(async c => await S<SituationRequests>(c).AwaitingDecisionAsync(c.CancellationToken));
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<UpdateCompanyDetailsPayloadType>>("updateCompanyDetails")
            .Argument<NonNullGraphType<CompanyDetailsInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CompanyDetailsInput>("input");
                return Guid.TryParse(input.CompanyId, out var id)
                    ? await S<CompanyProfile>(c).UpdateAsync(id, input.ToDetails(), input.Given, c.CancellationToken) : NotFound;
            });
        mutation.Field<NonNullGraphType<DecisionPayloadType>>("decideCompanyChange")
            .Argument<NonNullGraphType<DecideInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<DecideInput>("input");
                return Guid.TryParse(input.Id, out var id)
                    ? await S<Platform.Features.PendingChanges.PendingChanges>(c).DecideAsync(id, input.Accept, CompanyKinds, c.CancellationToken) : NotFound;
            });
        mutation.Field<NonNullGraphType<ContactPayloadType>>("saveContact")
            .Argument<NonNullGraphType<ContactInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ContactInput>("input");
                return Guid.TryParse(input.CompanyId, out var companyId)
                    ? await S<CompanyContacts>(c).SaveAsync(companyId, Guid.TryParse(input.Id, out var id) ? id : null, input.Function, input.Name, input.Email, input.Phone, c.CancellationToken)
                    : NotFound;
            });
        mutation.Field<NonNullGraphType<ContactPayloadType>>("deleteContact")
            .Argument<NonNullGraphType<IdGraphType>>("companyId")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                return Guid.TryParse(c.GetArgument<string>("companyId"), out var companyId) && Guid.TryParse(c.GetArgument<string>("id"), out var id)
                    ? await S<CompanyContacts>(c).DeleteAsync(companyId, id, c.CancellationToken) : NotFound;
            });
        mutation.Field<NonNullGraphType<HealthTeamPayloadType>>("setHealthTeam")
            .Argument<NonNullGraphType<HealthTeamInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<HealthTeamInput>("input");
                return Guid.TryParse(input.CompanyId, out var companyId)
                    ? await S<HealthTeams>(c).SetAsync(companyId, input.ToView(), c.CancellationToken) : NotFound;
            });
        mutation.Field<NonNullGraphType<SituationPayloadType>>("requestSituationChange")
            .Argument<NonNullGraphType<SituationInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SituationInput>("input");
                return Guid.TryParse(input.CompanyId, out var companyId)
                    ? await S<SituationRequests>(c).RequestAsync(companyId, input.Kind, input.Reason, input.EffectiveDate, c.CancellationToken) : NotFound;
            });
        mutation.Field<NonNullGraphType<SituationPayloadType>>("decideSituationRequest")
            .Argument<NonNullGraphType<DecideInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<DecideInput>("input");
                return Guid.TryParse(input.Id, out var id)
                    ? await S<SituationRequests>(c).DecideAsync(id, input.Accept, c.CancellationToken) : NotFound;
            });
    }

    private static readonly UserError NotFound = new("NOT_FOUND", "Introuvable.", "id");

    // Changes to the company itself (not to an employee): details, contacts, workstations.
    private static bool CompanyKinds(PendingChangeKind kind) => !Platform.Features.PendingChanges.PendingChanges.IsEmployeeKind(kind);

    private static T S<T>(IResolveFieldContext c) where T : notnull => c.RequestServices!.GetRequiredService<T>();
}
