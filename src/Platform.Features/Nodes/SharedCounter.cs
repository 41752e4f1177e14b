using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Features.Nodes;

/// <summary>
/// A number every node reads and adds to, in the platform database: a rate-limit window
/// (« signin-account|sstrn|X|29401234 ») or a change counter (« rules|sstrn »). Written by
/// <see cref="DatabaseCounters"/> with one atomic upsert per counter, never through EF.
/// </summary>
public sealed class SharedCounter
{
    public string Name { get; set; } = "";
    public long Value { get; set; }

    /// <summary>Unix seconds after which the row may be deleted (a change counter never expires).</summary>
    public long ExpiresAt { get; set; }
}

internal sealed class SharedCounterConfiguration : IEntityTypeConfiguration<SharedCounter>
{
    public void Configure(EntityTypeBuilder<SharedCounter> e)
    {
        e.ToTable("SharedCounters");
        e.HasKey(c => c.Name);
        e.Property(c => c.Name).HasMaxLength(300);
        e.HasIndex(c => c.ExpiresAt);
    }
}
