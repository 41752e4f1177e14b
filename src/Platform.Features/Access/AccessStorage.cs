using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Features.Companies;

namespace Platform.Features.Access;

// A user is a platform row, maybe in another database than the tenant's (IdentityDb): tenant rows keep
// the person's id with an index and no foreign key.

// How the Access entities are stored; PlatformDbContext applies every configuration of this assembly.

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> e)
    {
        // Named here, not by a DbSet: the tenant's context has no set of users (IdentityDb has).
        e.ToTable("Users");
        e.Property(u => u.Email).HasMaxLength(254);
        e.Property(u => u.NormalizedEmail).HasMaxLength(254);
        e.HasIndex(u => u.NormalizedEmail).IsUnique();
        e.Property(u => u.FirstName).HasMaxLength(100);
        e.Property(u => u.LastName).HasMaxLength(100);
        e.Property(u => u.PasswordHash).HasMaxLength(200);
        e.Property(u => u.RecoveryEmail).HasMaxLength(254);
        e.Property(u => u.PendingRecoveryEmail).HasMaxLength(254);
        e.Property(u => u.JobFunction).HasMaxLength(100);
    }
}

internal sealed class LoginNameConfiguration : IEntityTypeConfiguration<LoginName>
{
    public void Configure(EntityTypeBuilder<LoginName> e)
    {
        e.HasIndex(l => new { l.TenantId, l.Identifier }).IsUnique();
        e.Property(l => l.Identifier).HasMaxLength(254);
        e.HasIndex(l => l.UserId);
    }
}

internal sealed class SignInGuardConfiguration : IEntityTypeConfiguration<SignInGuard>
{
    public void Configure(EntityTypeBuilder<SignInGuard> e)
    {
        e.HasIndex(g => new { g.TenantId, g.UserId }).IsUnique();
        e.HasIndex(g => g.UserId);
    }
}

internal sealed class ConnectionRecordConfiguration : IEntityTypeConfiguration<ConnectionRecord>
{
    public void Configure(EntityTypeBuilder<ConnectionRecord> e)
    {
        e.HasIndex(c => new { c.TenantId, c.UserId });
        e.Property(c => c.IpAddress).HasMaxLength(45);
        e.Property(c => c.Browser).HasMaxLength(200);
        e.HasIndex(c => c.UserId);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> e)
    {
        e.HasIndex(m => new { m.TenantId, m.UserId, m.CompanyId }).IsUnique();
        e.HasIndex(m => new { m.TenantId, m.CompanyId });
        e.Property(m => m.JobFunction).HasMaxLength(100);
        e.Property(m => m.Phone).HasMaxLength(30);
        e.HasIndex(m => m.UserId);
        e.HasOne<Company>().WithMany().HasForeignKey(m => m.CompanyId);
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> e)
    {
        e.HasIndex(s => new { s.TenantId, s.UserId }).IsUnique();
        e.Property(s => s.Role).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.ProtectedTotpSecret).HasMaxLength(500);
        e.HasIndex(s => s.UserId);
    }
}

internal sealed class LoginCodeConfiguration : IEntityTypeConfiguration<LoginCode>
{
    public void Configure(EntityTypeBuilder<LoginCode> e)
    {
        e.HasIndex(c => new { c.TenantId, c.UserId });
        e.Property(c => c.CodeHash).HasMaxLength(64);
        e.HasIndex(c => c.UserId);
    }
}

internal sealed class EmailLinkTokenConfiguration : IEntityTypeConfiguration<EmailLinkToken>
{
    public void Configure(EntityTypeBuilder<EmailLinkToken> e)
    {
        e.HasIndex(t => new { t.TenantId, t.TokenHash }).IsUnique();
        e.Property(t => t.TokenHash).HasMaxLength(64);
        e.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(t => t.UserId);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> e)
    {
        e.HasIndex(i => new { i.TenantId, i.TokenHash }).IsUnique();
        e.HasIndex(i => new { i.TenantId, i.CompanyId });
        e.Property(i => i.Email).HasMaxLength(254);
        e.Property(i => i.FirstName).HasMaxLength(100);
        e.Property(i => i.LastName).HasMaxLength(100);
        e.Property(i => i.JobFunction).HasMaxLength(100);
        e.Property(i => i.Phone).HasMaxLength(30);
        e.Property(i => i.TokenHash).HasMaxLength(64);
        e.HasOne<Company>().WithMany().HasForeignKey(i => i.CompanyId);
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> e)
    {
        e.HasIndex(p => new { p.TenantId, p.CompanyId, p.UserId, p.Kind }).IsUnique();
        e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId);
        e.HasIndex(p => p.UserId);
    }
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> e)
    {
        e.ToTable("ApiClients");
        e.HasIndex(c => c.ClientId).IsUnique();
        e.HasIndex(c => c.UserId);
        e.Property(c => c.ClientId).HasMaxLength(100);
        e.Property(c => c.Name).HasMaxLength(100);
        e.HasOne<User>().WithMany().HasForeignKey(c => c.UserId);
    }
}
