using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Access;

/// <summary>Démarches: synchronise (code to the contact on file, or staff), request management (administrators decide), staff-decided requests.</summary>
public sealed partial class AccessRequestTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    private const string Host = "sstrn.localhost";
    private const string Contact = "direction@boulangerie-durand.fr";
    private const string Synchronize = "mutation($i: SynchronizeCompanyInput!) { synchronizeCompany(input: $i) { company { name memberNumber } request { id kind state companyName awaitsCode } errors { code message field } } }";
    private const string Confirm = "mutation($i: ConfirmCompanySynchronizationInput!) { confirmCompanySynchronization(input: $i) { company { id name } request { state companyName } errors { code message } } }";

    private async Task<string> CreatePersonAsync(string email)
    {
        await using var scope = Factory.Services.CreatePlatformScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var user = new User { Email = email, NormalizedEmail = User.Normalize(email), FirstName = "Paul", LastName = "Personne" };
        user.PasswordHash = new PasswordHasher<User>().HashPassword(user, "Personne-2026!");
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return await Factory.TokenAsync(Host, email, "Personne-2026!");
    }

    private async Task<Company> CompanyAsync(string number)
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.AsNoTracking().SingleAsync(c => c.MemberNumber == number);
    }

    /// <summary>A member nobody manages yet; with a contact e-mail on file unless <paramref name="contact"/> is null.</summary>
    private async Task<Company> BareCompanyAsync(string? contact = Contact, string number = "103.1", string siret = "73282932000074")
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var company = new Company { MemberNumber = number, Siret = siret, Name = "Boulangerie Durand" };
        db.Companies.Add(company);
        if (contact is not null)
        {
            db.CompanyContacts.Add(new CompanyContact { CompanyId = company.Id, Function = "Comptable", Name = "Cabinet Compta", Email = "compta@ailleurs.fr" });
            db.CompanyContacts.Add(new CompanyContact { CompanyId = company.Id, Function = "Dirigeant", Name = "Jeanne Durand", Email = contact });
        }
        await db.SaveChangesAsync();
        return company;
    }

    private async Task<int> CountAsync(Func<PlatformDbContext, Task<int>> count)
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        return await count(scope.ServiceProvider.GetRequiredService<PlatformDbContext>());
    }

    [GeneratedRegex(@"(?m)^\s{4}(\d{8})\s*$")] private static partial Regex CodeLine();

    /// <summary>The code e-mailed to the contact for this requester's synchronisation.</summary>
    private async Task<string> CodeForAsync(string requesterEmail, int expectedMessages = 1)
    {
        await Factory.Smtp.WaitForMessageAsync(Contact, expectedMessages);
        var message = Factory.Smtp.MessagesTo(Contact).Last(m => m.TextBody?.Contains(requesterEmail) == true);
        return CodeLine().Match(message.TextBody ?? "").Groups[1].Value;
    }

    private static JsonElement Payload(JsonElement result, string field) => result.GetProperty("data").GetProperty(field);
    private static string? FirstError(JsonElement payload) =>
        payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).FirstOrDefault();

    [Fact]
    public async Task A_synchronisation_completes_with_the_code_sent_to_the_contact_on_file_and_only_once()
    {
        await DemoData.SeedAsync(Factory.Services);
        await BareCompanyAsync();
        var first = await CreatePersonAsync("premier@example.fr");

        var opened = Payload(await Factory.GraphQLAsync(Host, Synchronize, new { i = new { memberNumber = "103.1", siren = "732 829 320" } }, first), "synchronizeCompany");
        Assert.Null(FirstError(opened));
        Assert.Equal(JsonValueKind.Null, opened.GetProperty("company").ValueKind);
        Assert.Equal("IN_PROGRESS", opened.GetProperty("request").GetProperty("state").GetString());
        var requestId = opened.GetProperty("request").GetProperty("id").GetString();
        // Public numbers alone open nothing.
        Assert.Equal(0, await CountAsync(db => db.Memberships.CountAsync(m => db.Companies.Any(c => c.Id == m.CompanyId && c.MemberNumber == "103.1"))));

        var mail = await Factory.Smtp.WaitForMessageAsync(Contact);
        Assert.Equal("Code de synchronisation de Boulangerie Durand", mail.Subject);
        Assert.Contains("Paul Personne (premier@example.fr)", mail.TextBody);
        Assert.Empty(Factory.Smtp.MessagesTo("compta@ailleurs.fr")); // the Dirigeant's e-mail is the one on file
        var code = await CodeForAsync("premier@example.fr");

        var wrong = Payload(await Factory.GraphQLAsync(Host, Confirm, new { i = new { requestId, code = code == "12345678" ? "87654321" : "12345678" } }, first), "confirmCompanySynchronization");
        Assert.Equal("INVALID_CODE", FirstError(wrong));
        var done = Payload(await Factory.GraphQLAsync(Host, Confirm, new { i = new { requestId, code } }, first), "confirmCompanySynchronization");
        Assert.Null(FirstError(done));
        Assert.Equal("Boulangerie Durand", done.GetProperty("company").GetProperty("name").GetString());
        var me = Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles company { id } } myRequests { kind state companyName } } }", token: first), "me");
        Assert.Equal("Administrateur", me.GetProperty("memberships")[0].GetProperty("roles")[0].GetString());
        Assert.Equal("ACCEPTED", me.GetProperty("myRequests")[0].GetProperty("state").GetString());
        Assert.Equal("Boulangerie Durand", me.GetProperty("myRequests")[0].GetProperty("companyName").GetString());

        // A second person gets the same first answer; the code proves the contact agreed, and then the seed's message.
        var second = await CreatePersonAsync("second@example.fr");
        var again = Payload(await Factory.GraphQLAsync(Host, Synchronize, new { i = new { memberNumber = "103.1", siren = "732829320" } }, second), "synchronizeCompany");
        Assert.Null(FirstError(again));
        var secondCode = await CodeForAsync("second@example.fr", expectedMessages: 2);
        var refused = Payload(await Factory.GraphQLAsync(Host, Confirm, new { i = new { requestId = again.GetProperty("request").GetProperty("id").GetString(), code = secondCode } }, second), "confirmCompanySynchronization");
        Assert.Equal("ALREADY_SYNCHRONIZED", FirstError(refused));
        Assert.Contains("DEMANDER LA GESTION D'UN ADHERENT", refused.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(1, await CountAsync(db => db.Memberships.CountAsync(m => db.Companies.Any(c => c.Id == m.CompanyId && c.MemberNumber == "103.1"))));
    }

    [Fact]
    public async Task The_answer_to_a_synchronisation_is_the_same_whether_the_numbers_match_or_not()
    {
        await DemoData.SeedAsync(Factory.Services);
        await BareCompanyAsync();
        await BareCompanyAsync(contact: null, number: "104.1", siret: "44306184100047");
        var token = await CreatePersonAsync("essai@example.fr");
        string Answer(JsonElement payload)
        {
            var request = payload.GetProperty("request");
            return $"{payload.GetProperty("company")}|{payload.GetProperty("errors")}|{request.GetProperty("kind")}|{request.GetProperty("state")}|{request.GetProperty("companyName")}|{request.GetProperty("awaitsCode")}";
        }
        var answers = new List<string>();
        foreach (var (number, siren) in new[] { ("103.1", "732829320"), ("103.1", "552100554"), ("999.9", "732829320"), ("680001", "732829320"), ("104.1", "443061841") })
            answers.Add(Answer(Payload(await Factory.GraphQLAsync(Host, Synchronize, new { i = new { memberNumber = number, siren } }, token), "synchronizeCompany")));
        Assert.Single(answers.Distinct());
        var mine = Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles } myRequests { companyName state awaitsCode } } }", token: token), "me");
        Assert.Empty(mine.GetProperty("memberships").EnumerateArray());
        Assert.All(mine.GetProperty("myRequests").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("companyName").ValueKind));
        Assert.Single(answers.Select(a => a).Distinct());

        // A badly formed SIREN is still an error: it says nothing about the register.
        var bad = Payload(await Factory.GraphQLAsync(Host, Synchronize, new { i = new { memberNumber = "103.1", siren = "732829321" } }, token), "synchronizeCompany");
        Assert.Equal("INVALID_SIREN", FirstError(bad));
    }

    [Fact]
    public async Task Without_a_contact_on_file_staff_see_the_numbers_and_decide()
    {
        await DemoData.SeedAsync(Factory.Services);
        await BareCompanyAsync(contact: null);
        var person = await CreatePersonAsync("sans-contact@example.fr");
        var opened = Payload(await Factory.GraphQLAsync(Host, Synchronize, new { i = new { memberNumber = "103.1", siren = "732829320" } }, person), "synchronizeCompany");
        Assert.Null(FirstError(opened));

        var staff = await new DemoApi(Factory, "sstrn").StaffTokenAsync();
        var pending = Assert.Single(Payload(await Factory.GraphQLAsync(Host, "{ me { requestsToDecide { id kind memberNumber siret requesterEmail staffNotes } } }", token: staff), "me")
            .GetProperty("requestsToDecide").EnumerateArray());
        Assert.Equal("SYNCHRONIZE", pending.GetProperty("kind").GetString());
        Assert.Equal("103.1", pending.GetProperty("memberNumber").GetString());
        Assert.Equal("732829320", pending.GetProperty("siret").GetString());
        Assert.Equal("sans-contact@example.fr", pending.GetProperty("requesterEmail").GetString());
        var notes = string.Join(" ", pending.GetProperty("staffNotes").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("correspondent à Boulangerie Durand", notes);
        Assert.Contains("Aucun contact", notes);

        var accepted = Payload(await Factory.GraphQLAsync(Host, "mutation($i: DecideAccessRequestInput!) { decideAccessRequest(input: $i) { request { state companyName } errors { code } } }",
            new { i = new { id = pending.GetProperty("id").GetString(), accept = true } }, staff), "decideAccessRequest");
        Assert.Null(FirstError(accepted));
        Assert.Equal("Boulangerie Durand", accepted.GetProperty("request").GetProperty("companyName").GetString());
        Assert.Equal("Administrateur", Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles } } }", token: person), "me").GetProperty("memberships")[0].GetProperty("roles")[0].GetString());
    }

    [Fact]
    public async Task Concurrent_synchronisations_of_one_company_make_exactly_one_administrator()
    {
        await DemoData.SeedAsync(Factory.Services);
        await BareCompanyAsync();
        var people = new List<(string Token, string RequestId, string Code)>();
        for (var i = 1; i <= 4; i++)
        {
            var email = $"concurrent{i}@example.fr";
            var token = await CreatePersonAsync(email);
            var opened = Payload(await Factory.GraphQLAsync(Host, Synchronize, new { i = new { memberNumber = "103.1", siren = "732829320" } }, token), "synchronizeCompany");
            people.Add((token, opened.GetProperty("request").GetProperty("id").GetString()!, await CodeForAsync(email, expectedMessages: i)));
        }

        var results = await Task.WhenAll(people.Select(p => Factory.GraphQLAsync(Host, Confirm, new { i = new { requestId = p.RequestId, code = p.Code } }, p.Token)));
        var payloads = results.Select(r => Payload(r, "confirmCompanySynchronization")).ToList();
        Assert.Single(payloads, p => p.GetProperty("company").ValueKind == JsonValueKind.Object);
        Assert.All(payloads.Where(p => p.GetProperty("company").ValueKind == JsonValueKind.Null), p => Assert.Equal("ALREADY_SYNCHRONIZED", FirstError(p)));
        Assert.Equal(1, await CountAsync(db => db.Memberships.CountAsync(m => db.Companies.Any(c => c.Id == m.CompanyId && c.MemberNumber == "103.1"))));
    }

    [Fact]
    public async Task Concurrent_staff_acceptances_of_one_company_make_exactly_one_administrator()
    {
        await DemoData.SeedAsync(Factory.Services);
        await BareCompanyAsync(contact: null);
        for (var i = 1; i <= 3; i++)
            await Factory.GraphQLAsync(Host, Synchronize, new { i = new { memberNumber = "103.1", siren = "732829320" } }, await CreatePersonAsync($"staffcase{i}@example.fr"));
        var staff = await new DemoApi(Factory, "sstrn").StaffTokenAsync();
        var ids = Payload(await Factory.GraphQLAsync(Host, "{ me { requestsToDecide { id } } }", token: staff), "me").GetProperty("requestsToDecide").EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(3, ids.Count);

        var results = await Task.WhenAll(ids.Select(id => Factory.GraphQLAsync(Host, "mutation($i: DecideAccessRequestInput!) { decideAccessRequest(input: $i) { request { state } errors { code } } }",
            new { i = new { id, accept = true } }, staff)));
        Assert.Single(results, r => FirstError(Payload(r, "decideAccessRequest")) is null);
        Assert.Equal(1, await CountAsync(db => db.Memberships.CountAsync(m => db.Companies.Any(c => c.Id == m.CompanyId && c.MemberNumber == "103.1"))));
    }

    [Fact]
    public async Task A_management_request_is_emailed_to_the_administrator_who_accepts_it_with_roles()
    {
        await DemoData.SeedAsync(Factory.Services);
        var demo = await CompanyAsync("101.1");
        var requester = await CreatePersonAsync("comptable@cabinet.fr");
        var asked = Payload(await Factory.GraphQLAsync(Host, "mutation($i: RequestCompanyAccessInput!) { requestCompanyAccess(input: $i) { request { id kind state companyName requestedBy addressedToStaff } errors { code } } }",
            new { i = new { memberNumber = "101.1", siret = demo.Siret } }, requester), "requestCompanyAccess");
        Assert.Null(FirstError(asked));
        Assert.Equal("IN_PROGRESS", asked.GetProperty("request").GetProperty("state").GetString());
        Assert.False(asked.GetProperty("request").GetProperty("addressedToStaff").GetBoolean());
        var notice = await Factory.Smtp.WaitForMessageAsync("employer@sstrn.demo");
        Assert.Equal("Demande de gestion d'Entreprise Démo SSTRN", notice.Subject);
        Assert.Contains("Paul Personne (comptable@cabinet.fr)", notice.TextBody);

        var again = Payload(await Factory.GraphQLAsync(Host, "mutation($i: RequestCompanyAccessInput!) { requestCompanyAccess(input: $i) { errors { code } } }",
            new { i = new { memberNumber = "101.1", siret = demo.Siret } }, requester), "requestCompanyAccess");
        Assert.Equal("ALREADY_REQUESTED", FirstError(again));

        var admin = await Factory.TokenAsync(Host, "employer@sstrn.demo", DemoData.Password);
        var toDecide = Payload(await Factory.GraphQLAsync(Host, "{ me { requestsToDecide { id kind requestedBy staffNotes } } }", token: admin), "me").GetProperty("requestsToDecide");
        var single = Assert.Single(toDecide.EnumerateArray());
        Assert.Empty(single.GetProperty("staffNotes").EnumerateArray()); // the register's notes are for staff only
        var id = single.GetProperty("id").GetString();

        var noRoles = Payload(await Factory.GraphQLAsync(Host, "mutation($i: DecideAccessRequestInput!) { decideAccessRequest(input: $i) { errors { code } } }",
            new { i = new { id, accept = true, roles = Array.Empty<string>() } }, admin), "decideAccessRequest");
        Assert.Equal("ROLES_REQUIRED", FirstError(noRoles));
        var decided = Payload(await Factory.GraphQLAsync(Host, "mutation($i: DecideAccessRequestInput!) { decideAccessRequest(input: $i) { request { state } errors { code } } }",
            new { i = new { id, accept = true, roles = new[] { "Facturation", "Lecture" } } }, admin), "decideAccessRequest");
        Assert.Equal("ACCEPTED", decided.GetProperty("request").GetProperty("state").GetString());

        var membership = Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles company { memberNumber } } myRequests { state } } }", token: requester), "me");
        Assert.Equal(["Facturation", "Lecture"], membership.GetProperty("memberships")[0].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("ACCEPTED", membership.GetProperty("myRequests")[0].GetProperty("state").GetString());
        var confirmation = await Factory.Smtp.WaitForMessageAsync("comptable@cabinet.fr");
        Assert.Equal("Votre démarche a été acceptée", confirmation.Subject);
        Assert.Contains("Facturation, Lecture", confirmation.TextBody);
    }

    [Fact]
    public async Task A_company_with_users_but_no_administrator_has_its_management_request_decided_by_staff()
    {
        await DemoData.SeedAsync(Factory.Services);
        var company = await BareCompanyAsync(contact: null);
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var identity = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var reader = new User { Email = "lecteur@boulangerie.fr", NormalizedEmail = User.Normalize("lecteur@boulangerie.fr"), FirstName = "Léa", LastName = "Lecture" };
            identity.Users.Add(reader);
            await identity.SaveChangesAsync();
            db.Memberships.Add(new Membership { UserId = reader.Id, CompanyId = company.Id, Roles = ["Lecture"] });
            await db.SaveChangesAsync();
        }
        var person = await CreatePersonAsync("repreneuse@example.fr");
        var asked = Payload(await Factory.GraphQLAsync(Host, "mutation($i: RequestCompanyAccessInput!) { requestCompanyAccess(input: $i) { request { id state addressedToStaff } errors { code message } } }",
            new { i = new { memberNumber = "103.1", siret = company.Siret } }, person), "requestCompanyAccess");
        Assert.Null(FirstError(asked));
        Assert.True(asked.GetProperty("request").GetProperty("addressedToStaff").GetBoolean());

        var staff = await new DemoApi(Factory, "sstrn").StaffTokenAsync();
        var pending = Assert.Single(Payload(await Factory.GraphQLAsync(Host, "{ me { requestsToDecide { id kind staffNotes } } }", token: staff), "me").GetProperty("requestsToDecide").EnumerateArray());
        Assert.Equal("MANAGE", pending.GetProperty("kind").GetString());
        Assert.Contains("aucun administrateur", string.Join(" ", pending.GetProperty("staffNotes").EnumerateArray().Select(n => n.GetString())));
        var decided = Payload(await Factory.GraphQLAsync(Host, "mutation($i: DecideAccessRequestInput!) { decideAccessRequest(input: $i) { request { state } errors { code } } }",
            new { i = new { id = pending.GetProperty("id").GetString(), accept = true, roles = new[] { "Administrateur" } } }, staff), "decideAccessRequest");
        Assert.Equal("ACCEPTED", decided.GetProperty("request").GetProperty("state").GetString());
        Assert.Equal("Administrateur", Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles } } }", token: person), "me").GetProperty("memberships")[0].GetProperty("roles")[0].GetString());
    }

    [Fact]
    public async Task A_staff_member_cannot_decide_their_own_demarche()
    {
        await DemoData.SeedAsync(Factory.Services);
        var demo = await CompanyAsync("101.1");
        var staff = await new DemoApi(Factory, "sstrn").StaffTokenAsync();
        // Staff file an administrator change for a member company, then try to accept it themselves.
        var id = Payload(await Factory.GraphQLAsync(Host, "mutation($i: RequestAdministratorChangeInput!) { requestAdministratorChange(input: $i) { request { id } errors { code } } }",
            new { i = new { memberNumber = "101.1", siret = demo.Siret, formerAdministratorEmail = "employer@sstrn.demo" } }, staff), "requestAdministratorChange")
            .GetProperty("request").GetProperty("id").GetString();

        Assert.Empty(Payload(await Factory.GraphQLAsync(Host, "{ me { requestsToDecide { id } } }", token: staff), "me").GetProperty("requestsToDecide").EnumerateArray());
        var self = Payload(await Factory.GraphQLAsync(Host, "mutation($i: DecideAccessRequestInput!) { decideAccessRequest(input: $i) { errors { code } } }",
            new { i = new { id, accept = true } }, staff), "decideAccessRequest");
        Assert.Equal("NOT_FOUND", FirstError(self));
        // The company's administrator is still the employer, and the staff member holds nothing.
        Assert.Equal("Administrateur", Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles } } }",
            token: await Factory.TokenAsync(Host, "employer@sstrn.demo", DemoData.Password)), "me").GetProperty("memberships")[0].GetProperty("roles")[0].GetString());
        Assert.Empty(Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles } } }", token: staff), "me").GetProperty("memberships").EnumerateArray());
    }

    [Fact]
    public async Task A_refused_request_grants_nothing_and_only_the_administrator_may_decide()
    {
        await DemoData.SeedAsync(Factory.Services);
        var demo = await CompanyAsync("101.1");
        var requester = await CreatePersonAsync("curieux@example.fr");
        var id = Payload(await Factory.GraphQLAsync(Host, "mutation($i: RequestCompanyAccessInput!) { requestCompanyAccess(input: $i) { request { id } } }",
            new { i = new { memberNumber = "101.1", siret = demo.Siret } }, requester), "requestCompanyAccess").GetProperty("request").GetProperty("id").GetString();

        var self = Payload(await Factory.GraphQLAsync(Host, "mutation($i: DecideAccessRequestInput!) { decideAccessRequest(input: $i) { errors { code } } }",
            new { i = new { id, accept = true, roles = new[] { "Administrateur" } } }, requester), "decideAccessRequest");
        Assert.Equal("NOT_FOUND", FirstError(self));

        var admin = await Factory.TokenAsync(Host, "employer@sstrn.demo", DemoData.Password);
        var refused = Payload(await Factory.GraphQLAsync(Host, "mutation($i: DecideAccessRequestInput!) { decideAccessRequest(input: $i) { request { state } } }",
            new { i = new { id, accept = false } }, admin), "decideAccessRequest");
        Assert.Equal("REFUSED", refused.GetProperty("request").GetProperty("state").GetString());
        var me = Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles } myRequests { state } } }", token: requester), "me");
        Assert.Empty(me.GetProperty("memberships").EnumerateArray());
        Assert.Equal("REFUSED", me.GetProperty("myRequests")[0].GetProperty("state").GetString());
        Assert.Equal("Votre démarche a été refusée", (await Factory.Smtp.WaitForMessageAsync("curieux@example.fr")).Subject);
    }

    [Fact]
    public async Task Staff_see_what_was_given_and_decide_a_change_of_administrator()
    {
        await DemoData.SeedAsync(Factory.Services);
        var demo = await CompanyAsync("101.1");
        var successor = await CreatePersonAsync("successeur@example.fr");
        var asked = Payload(await Factory.GraphQLAsync(Host, "mutation($i: RequestAdministratorChangeInput!) { requestAdministratorChange(input: $i) { request { id kind } errors { code } } }",
            new { i = new { memberNumber = "101.1", siret = demo.Siret, formerAdministratorEmail = "employer@sstrn.demo" } }, successor), "requestAdministratorChange");
        Assert.Equal("CHANGE_ADMINISTRATOR", asked.GetProperty("request").GetProperty("kind").GetString());

        var employer = await Factory.TokenAsync(Host, "employer@sstrn.demo", DemoData.Password);
        Assert.Empty(Payload(await Factory.GraphQLAsync(Host, "{ me { requestsToDecide { id } } }", token: employer), "me").GetProperty("requestsToDecide").EnumerateArray());

        var staff = await Factory.TokenAsync(Host, "staff@sstrn.demo", DemoData.Password, TotpCodes.CurrentCode(DemoData.StaffTotpSecret, Factory.Clock.GetUtcNow()));
        var pending = Assert.Single(Payload(await Factory.GraphQLAsync(Host, "{ me { requestsToDecide { id kind memberNumber siret formerAdministratorEmail staffNotes } } }", token: staff), "me").GetProperty("requestsToDecide").EnumerateArray());
        Assert.Equal("101.1", pending.GetProperty("memberNumber").GetString());
        Assert.Equal(demo.Siret, pending.GetProperty("siret").GetString());
        Assert.Equal("employer@sstrn.demo", pending.GetProperty("formerAdministratorEmail").GetString());
        Assert.Contains("employer@sstrn.demo est bien administrateur de cet adhérent.", pending.GetProperty("staffNotes").EnumerateArray().Select(n => n.GetString()));

        var portal = await Factory.StaffPortalAsync(Host, "staff@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        var page = await portal.GetHtmlAsync("/demarches");
        Assert.Contains("E-mail de l'ancien administrateur</dt><dd>employer@sstrn.demo", page);
        Assert.Contains($"<dt>SIRET</dt><dd>{demo.Siret}</dd>", page);
        Assert.Contains("successeur@example.fr", page);

        var accepted = Payload(await Factory.GraphQLAsync(Host, "mutation($i: DecideAccessRequestInput!) { decideAccessRequest(input: $i) { request { state } errors { code } } }",
            new { i = new { id = pending.GetProperty("id").GetString(), accept = true } }, staff), "decideAccessRequest");
        Assert.Equal("ACCEPTED", accepted.GetProperty("request").GetProperty("state").GetString());
        Assert.Equal("Administrateur", Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles } } }", token: successor), "me").GetProperty("memberships")[0].GetProperty("roles")[0].GetString());
        Assert.Empty(Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles } } }", token: employer), "me").GetProperty("memberships").EnumerateArray());
    }

    [Fact]
    public async Task Staff_see_a_takeovers_old_and_new_siret_and_mergers_need_their_details()
    {
        await DemoData.SeedAsync(Factory.Services);
        var demo = await CompanyAsync("101.1");
        var token = await CreatePersonAsync("repreneur@example.fr");
        var noDescription = Payload(await Factory.GraphQLAsync(Host, "mutation($i: RequestMergerInput!) { requestMerger(input: $i) { errors { code } } }",
            new { i = new { description = "  " } }, token), "requestMerger");
        Assert.Equal("DESCRIPTION_REQUIRED", FirstError(noDescription));
        var badSiret = Payload(await Factory.GraphQLAsync(Host, "mutation($i: ReportTakeoverInput!) { reportTakeover(input: $i) { errors { code field } } }",
            new { i = new { memberNumber = "101.1", oldSiret = "123", newSiret = "73282932000074", description = "Rachat au 1er janvier" } }, token), "reportTakeover");
        Assert.Equal("INVALID_SIRET", FirstError(badSiret));
        Assert.Equal("oldSiret", badSiret.GetProperty("errors")[0].GetProperty("field").GetString());
        var merger = Payload(await Factory.GraphQLAsync(Host, "mutation($i: RequestMergerInput!) { requestMerger(input: $i) { request { kind state } } }",
            new { i = new { description = "Absorption de 102.1 par 101.1" } }, token), "requestMerger");
        Assert.Equal("MERGER", merger.GetProperty("request").GetProperty("kind").GetString());

        var takeover = Payload(await Factory.GraphQLAsync(Host, "mutation($i: ReportTakeoverInput!) { reportTakeover(input: $i) { request { id } errors { code } } }",
            new { i = new { memberNumber = "101.1", oldSiret = demo.Siret, newSiret = "44306184100047", description = "Rachat au 1er janvier" } }, token), "reportTakeover");
        Assert.Null(FirstError(takeover));
        var staff = await new DemoApi(Factory, "sstrn").StaffTokenAsync();
        var seen = Payload(await Factory.GraphQLAsync(Host, "{ me { requestsToDecide { kind memberNumber siret newSiret description } } }", token: staff), "me").GetProperty("requestsToDecide")
            .EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "TAKEOVER");
        Assert.Equal(demo.Siret, seen.GetProperty("siret").GetString());
        Assert.Equal("44306184100047", seen.GetProperty("newSiret").GetString());
        var portal = await Factory.StaffPortalAsync(Host, "staff@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        var page = await portal.GetHtmlAsync("/demarches");
        Assert.Contains($"<dt>Ancien SIRET</dt><dd>{demo.Siret}</dd>", page);
        Assert.Contains("<dt>Nouveau SIRET</dt><dd>44306184100047</dd>", page);
    }

    [Theory]
    [InlineData("requestAdministratorChange", "RequestAdministratorChangeInput")]
    [InlineData("reportTakeover", "ReportTakeoverInput")]
    public async Task Administrator_change_and_takeover_are_refused_on_a_temp_worker_account_naming_the_parent(string field, string inputType)
    {
        await DemoData.SeedAsync(Factory.Services);
        await BareCompanyAsync(contact: null, number: "105.1.2", siret: "40483304800022");
        var token = await CreatePersonAsync("interim@example.fr");
        object input = field == "reportTakeover"
            ? new { memberNumber = "105.1.2", oldSiret = "40483304800022", newSiret = "44306184100047", description = "Rachat" }
            : new { memberNumber = "105.1.2", siret = "40483304800022", formerAdministratorEmail = "ancien@example.fr" };
        var refused = Payload(await Factory.GraphQLAsync(Host, $"mutation($i: {inputType}!) {{ {field}(input: $i) {{ request {{ id }} errors {{ code message }} }} }}", new { i = input }, token), field);
        Assert.Equal("ADMIN_ON_PARENT", FirstError(refused));
        Assert.Contains("compte mère 105.1", refused.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(0, await CountAsync(db => db.AccessRequests.CountAsync()));
    }

    [Theory]
    [InlineData("sst68")]
    [InlineData("sist-on")]
    [InlineData("sstbtp-bfc")]
    public async Task Tenants_whose_rules_offer_no_demarche_neither_show_nor_accept_them(string tenant)
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, tenant);
        var token = tenant == "sist-on" ? await api.StaffTokenAsync() : await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync(tenant switch { "sst68" => "680001", "sist-on" => "ON0001", _ => "250001" });
        string siret;
        await using (var scope = Factory.Services.CreateTenantScope(tenant))
            siret = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.Where(c => c.Id == company).Select(c => c.Siret).SingleAsync();
        var sync = await Factory.GraphQLAsync(api.Host, "mutation($i: SynchronizeCompanyInput!) { synchronizeCompany(input: $i) { request { id } errors { code } } }",
            new { i = new { memberNumber = "X1", siren = siret[..9] } }, token);
        Assert.Equal("DEMARCHE_NOT_OFFERED", FirstError(Payload(sync, "synchronizeCompany")));
        var manage = await Factory.GraphQLAsync(api.Host, "mutation($i: RequestCompanyAccessInput!) { requestCompanyAccess(input: $i) { request { id } errors { code } } }",
            new { i = new { memberNumber = "X1", siret } }, token);
        Assert.Equal("DEMARCHE_NOT_OFFERED", FirstError(Payload(manage, "requestCompanyAccess")));

        if (tenant == "sst68")
        {
            var portal = Factory.PortalFor(api.Host);
            await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "680001", ["Password"] = DemoData.Password });
            var page = await portal.GetHtmlAsync("/demarches");
            Assert.DoesNotContain("Synchroniser votre adhérent", page);
            Assert.DoesNotContain("Demander la gestion", page);
            Assert.DoesNotContain("href=\"/demarches\"", await portal.GetHtmlAsync("/compte"));
        }
    }

    [Fact]
    public async Task The_portal_shows_a_badge_with_the_requests_to_decide()
    {
        await DemoData.SeedAsync(Factory.Services);
        var demo = await CompanyAsync("101.1");
        var requester = await CreatePersonAsync("badge@example.fr");
        await Factory.GraphQLAsync(Host, "mutation($i: RequestCompanyAccessInput!) { requestCompanyAccess(input: $i) { errors { code } } }",
            new { i = new { memberNumber = "101.1", siret = demo.Siret } }, requester);

        var portal = Factory.PortalFor(Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        var page = await portal.GetHtmlAsync("/demarches");
        Assert.Contains("title=\"Démarches à valider\">1</span>", page);
        Assert.DoesNotContain("@if", page);
        Assert.Contains("Synchroniser votre adhérent", page);

        // Nothing to decide: no badge (it once showed « 0 » with the Razor source around it).
        var accountant = Factory.PortalFor(Host);
        await accountant.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = DemoData.AccountantEmail, ["Password"] = DemoData.Password });
        var quiet = await accountant.GetHtmlAsync("/compte");
        Assert.DoesNotContain("Démarches à valider", quiet);
        Assert.DoesNotContain("@if", quiet);
        Assert.Contains("Démarches à valider (1)", page);
        Assert.Contains("Paul Personne", page);
    }

    [Fact]
    public async Task The_portal_synchronises_with_the_code_entered_in_my_demarches()
    {
        await DemoData.SeedAsync(Factory.Services);
        var company = await BareCompanyAsync();
        await CreatePersonAsync("portail@example.fr");
        var portal = Factory.PortalFor(Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "portail@example.fr", ["Password"] = "Personne-2026!" });
        var answer = await PortalClient.HtmlAsync(await portal.SubmitAsync("/demarches", new Dictionary<string, string> { ["MemberNumber"] = "103.1", ["Siren"] = "732829320" }, "/demarches?handler=Synchroniser"));
        Assert.Contains("un code de confirmation vient de lui être envoyé", answer);
        var code = await CodeForAsync("portail@example.fr");
        var requestId = await CountIdAsync();
        var done = await portal.SubmitAsync("/demarches", new Dictionary<string, string> { ["Code"] = code }, $"/demarches?handler=Code&requestId={requestId}");
        Assert.Equal($"/entreprises/{company.Id}", done.Headers.Location?.OriginalString);
    }

    private async Task<Guid> CountIdAsync()
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AccessRequests.Select(r => r.Id).SingleAsync();
    }
}
