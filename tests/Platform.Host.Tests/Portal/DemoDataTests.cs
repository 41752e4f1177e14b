using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Portal;

public sealed class DemoDataTests(PlatformFactory factory) : PlatformTest(factory)
{
    [Fact]
    public async Task Demo_data_creates_the_documented_accounts_once()
    {
        await DemoData.SeedAsync(Factory.Services);
        await DemoData.SeedAsync(Factory.Services); // idempotent

        var hasher = new PasswordHasher<User>();
        foreach (var (slug, number) in new[] { ("sst68", "680001"), ("sstrn", "101.1"), ("sist-on", "ON0001"), ("sstbtp-bfc", "250001") })
        {
            await using var scope = Factory.Services.CreateTenantScope(slug);
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var identity = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var company = await db.Companies.SingleAsync(c => c.MemberNumber == number);
            Assert.True(Identifiers.IsValidSiret(company.Siret));
            Assert.Equal(2, await db.Companies.CountAsync());

            var employer = await identity.Users.SingleAsync(u => u.NormalizedEmail == $"EMPLOYER@{slug.ToUpperInvariant()}.DEMO");
            var membership = await db.Memberships.SingleAsync(m => m.UserId == employer.Id);
            Assert.Equal(company.Id, membership.CompanyId);
            Assert.Equal([CompanyRoles.Administrator], membership.Roles);
            // sist-on signs in with e-mailed codes: its employers have no password.
            if (slug == "sist-on") Assert.Null(employer.PasswordHash);
            else Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(employer, employer.PasswordHash!, DemoData.Password));

            var staff = await db.StaffMembers.ToListAsync();
            var people = await identity.PeopleAsync(staff.Select(s => s.UserId));
            var roles = staff.Select(s => new { people[s.UserId].Email, s.Role }).ToList();
            Assert.Contains(roles, r => r.Email == $"staff@{slug}.demo" && r.Role == StaffRole.Staff);
            Assert.Contains(roles, r => r.Email == $"admin@{slug}.demo" && r.Role == StaffRole.Administrator);

            var accountant = await identity.Users.SingleAsync(u => u.NormalizedEmail == "ACCOUNTANT@DEMO.FR");
            var client = await db.Memberships.SingleAsync(m => m.UserId == accountant.Id);
            Assert.NotEqual(company.Id, client.CompanyId);
        }

        await using var any = Factory.Services.CreateAsyncScope();
        Assert.Equal(13, await any.ServiceProvider.GetRequiredService<IdentityDb>().Users.CountAsync());
    }

    [Fact]
    public async Task Each_demo_company_has_a_believable_workforce_that_its_invoices_count()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await DemoData.SeedAsync(Factory.Services);
        var first = watch.Elapsed;
        watch.Restart();
        await DemoData.SeedAsync(Factory.Services); // idempotent: nothing added the second time
        var again = watch.Elapsed;

        var today = FrenchTime.Today(Factory.Clock);
        foreach (var slug in new[] { "sst68", "sstrn", "sist-on", "sstbtp-bfc" })
        {
            await using var scope = Factory.Services.CreateTenantScope(slug);
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var nirs = scope.ServiceProvider.GetRequiredService<Platform.Features.Employees.EmployeeNir>();
            foreach (var company in await db.Companies.ToListAsync())
            {
                var employees = await db.Employees.Where(e => e.CompanyId == company.Id).ToListAsync();
                Assert.InRange(employees.Count, 10, 40);
                Assert.Single(employees, e => e.ValidatedAt is null); // the last hire waits for the service
                Assert.Equal(employees.Count, employees.Select(e => e.SortName).Distinct().Count());
                foreach (var e in employees)
                {
                    var nir = nirs.Reveal(slug, e.ProtectedNir!);
                    Assert.True(Nir.IsValid(nir), "invalid NIR key");
                    Assert.Equal($"{e.BirthDate.Year % 100:00}{e.BirthDate.Month:00}", nir[1..5]);
                    Assert.Equal(e.Civility == "Madame" ? '2' : '1', nir[0]);
                    Assert.True(e.StartDate >= e.BirthDate.AddYears(16) && e.StartDate <= today);
                    Assert.NotNull(e.CurrentWorkstationId);
                }
                var workstations = await db.Workstations.Where(w => w.CompanyId == company.Id).ToListAsync();
                Assert.True(workstations.Count >= 4);
                Assert.Contains(workstations, w => w.Risks.Count > 0);
                Assert.Equal(employees.Count, await db.CareerEntries.CountAsync(c => employees.Select(e => e.Id).Contains(c.EmployeeId)));
                Assert.Equal(1, await db.VisitRequests.CountAsync(r => r.CompanyId == company.Id && r.State == Platform.Features.Visits.VisitRequestState.Pending));

                // « Cotisation 2026 — N salariés »: N is the workforce present on the year's first day.
                foreach (var invoice in await db.Invoices.Where(i => i.CompanyId == company.Id).ToListAsync())
                {
                    var match = System.Text.RegularExpressions.Regex.Match(invoice.Label, @"^Cotisation (\d{4}) — (\d+) salariés?$");
                    Assert.True(match.Success, invoice.Label);
                    var year = int.Parse(match.Groups[1].Value);
                    Assert.Equal(employees.Count(e => e.StartDate <= new DateOnly(year, 1, 1) && (e.EndDate is null || e.EndDate >= new DateOnly(year, 1, 1))),
                        int.Parse(match.Groups[2].Value));
                }
            }
        }
        // Tests seed the demo constantly: it stays quick (measured here on the test database).
        Assert.True(again < TimeSpan.FromSeconds(2), $"second seeding took {again}");
        Assert.True(first < TimeSpan.FromSeconds(20), $"first seeding took {first}");
    }
}
