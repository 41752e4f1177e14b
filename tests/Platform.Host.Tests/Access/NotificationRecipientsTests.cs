using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Access;

/// <summary>
/// Seed 002: « Modifier les notifications » of a user, and « au moins un des utilisateurs de l'entreprise
/// devra recevoir les notifications » — whatever changes, and for every e-mail sent on a company's behalf.
/// </summary>
public sealed class NotificationRecipientsTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    private const string Set = "mutation($i: SetNotificationInput!) { setNotification(input: $i) { notifications { kind enabled } errors { code message } } }";
    private const string Read = "query($id: ID!, $user: ID) { company(id: $id) { notifications(userId: $user) { kind enabled } } }";
    private readonly DemoApi api = new(factory, "sstrn");

    private async Task<(string Employer, string Accountant, Guid Company, string AccountantId, string EmployerId)> TwoAdministratorsAsync()
    {
        await DemoData.SeedAsync(Factory.Services);
        var company = await api.CompanyIdAsync("101.1");
        await api.GrantAccountantAsync(company, CompanyRoles.Administrator);
        var employer = await api.EmployerTokenAsync();
        var accountant = await Factory.TokenAsync(api.Host, DemoData.AccountantEmail, DemoData.Password);
        var users = (await api.DataAsync(employer, "query($id: ID!) { company(id: $id) { users { userId email } } }", new { id = company }))
            .GetProperty("company").GetProperty("users").EnumerateArray().ToDictionary(u => u.GetProperty("email").GetString()!, u => u.GetProperty("userId").GetString()!);
        return (employer, accountant, company, users[DemoData.AccountantEmail], users["employer@sstrn.demo"]);
    }

    private static bool Enabled(JsonElement choices, string kind) =>
        choices.EnumerateArray().Single(c => c.GetProperty("kind").GetString() == kind).GetProperty("enabled").GetBoolean();

    [Fact]
    public async Task An_administrator_changes_another_users_notifications_and_others_cannot()
    {
        var (employer, accountant, company, accountantId, employerId) = await TwoAdministratorsAsync();
        var changed = await api.MutateAsync(employer, "setNotification", Set, new { i = new { companyId = company, userId = accountantId, kind = "INVOICES", enabled = false } });
        Assert.Empty(DemoApi.ErrorCodes(changed));
        Assert.False(Enabled(changed.GetProperty("notifications"), "INVOICES"));
        var read = await api.DataAsync(accountant, Read, new { id = company, user = (string?)null });
        Assert.False(Enabled(read.GetProperty("company").GetProperty("notifications"), "INVOICES"));

        // The last one receiving invoices keeps them, whoever unticks.
        var last = await api.MutateAsync(accountant, "setNotification", Set, new { i = new { companyId = company, userId = employerId, kind = "INVOICES", enabled = false } });
        Assert.Equal(["LAST_RECIPIENT"], DemoApi.ErrorCodes(last));

        // A member without « Administrateur » changes only their own.
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var id = Guid.Parse(accountantId);
            (await db.Memberships.SingleAsync(m => m.CompanyId == company && m.UserId == id)).Roles = [CompanyRoles.ReadOnly];
            await db.SaveChangesAsync();
        }
        var forbidden = await Factory.GraphQLAsync(api.Host, Set, new { i = new { companyId = company, userId = employerId, kind = "DOCUMENTS", enabled = false } }, accountant);
        Assert.Equal("FORBIDDEN", forbidden.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_portal_lets_an_administrator_modify_a_users_notifications()
    {
        var (_, _, company, accountantId, _) = await TwoAdministratorsAsync();
        var portal = Factory.PortalFor(api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        var page = $"/entreprises/{company}/utilisateurs";
        Assert.Contains("Modifier les notifications", await portal.GetHtmlAsync(page));
        var saved = await PortalClient.HtmlAsync(await portal.SubmitAsync(page, new Dictionary<string, string> { ["Enabled"] = "Convocations" },
            $"{page}?handler=Notifications&userId={accountantId}"));
        Assert.Contains("Notifications enregistrées.", saved);
        var accountant = await Factory.TokenAsync(api.Host, DemoData.AccountantEmail, DemoData.Password);
        var mine = (await api.DataAsync(accountant, Read, new { id = company, user = (string?)null })).GetProperty("company").GetProperty("notifications");
        Assert.True(Enabled(mine, "CONVOCATIONS"));
        Assert.False(Enabled(mine, "INVOICES"));
    }

    [Fact]
    public async Task Removing_the_last_recipient_of_a_kind_hands_it_to_an_administrator()
    {
        var (employer, _, company, accountantId, _) = await TwoAdministratorsAsync();
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(employer, "setNotification", Set, new { i = new { companyId = company, kind = "REQUESTS", enabled = false } })));
        var removed = await api.MutateAsync(employer, "removeUser", "mutation($i: RemoveUserInput!) { removeUser(input: $i) { errors { code } } }",
            new { i = new { companyId = company, userId = accountantId } });
        Assert.Empty(DemoApi.ErrorCodes(removed));
        var mine = (await api.DataAsync(employer, Read, new { id = company, user = (string?)null })).GetProperty("company").GetProperty("notifications");
        Assert.True(Enabled(mine, "REQUESTS"));
    }

    [Fact]
    public async Task Demarche_emails_go_only_to_the_administrators_who_receive_them()
    {
        var (employer, accountant, company, _, _) = await TwoAdministratorsAsync();
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(accountant, "setNotification", Set, new { i = new { companyId = company, kind = "REQUESTS", enabled = false } })));

        await using (var scope = Factory.Services.CreatePlatformScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var user = new User { Email = "demandeur@example.fr", NormalizedEmail = User.Normalize("demandeur@example.fr"), FirstName = "Denis", LastName = "Demandeur" };
            user.PasswordHash = Platform.Features.Access.Passwords.Hash("Demandeur-2026!");
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        var requester = await Factory.TokenAsync(api.Host, "demandeur@example.fr", "Demandeur-2026!");
        string siret;
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
            siret = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.Where(c => c.Id == company).Select(c => c.Siret).SingleAsync();
        var asked = await Factory.GraphQLAsync(api.Host, "mutation($i: RequestCompanyAccessInput!) { requestCompanyAccess(input: $i) { errors { code } } }",
            new { i = new { memberNumber = "101.1", siret } }, requester);
        Assert.Equal(0, asked.GetProperty("data").GetProperty("requestCompanyAccess").GetProperty("errors").GetArrayLength());

        await Factory.Smtp.WaitForMessageAsync("employer@sstrn.demo");
        await Task.Delay(1500); // a delivery round later, the accountant still has nothing
        Assert.Empty(Factory.Smtp.MessagesTo(DemoData.AccountantEmail));
    }
}
