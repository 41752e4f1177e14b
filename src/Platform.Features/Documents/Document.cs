using Platform.Tenancy.Isolation;

namespace Platform.Features.Documents;

/// <summary>The natures of the documents an employer shares with the health team (seed 001).</summary>
public enum DocumentNature { FollowUpCertificate, DrivingAuthorisation, MedicalOpinion, JobDescription, Planning }

/// <summary>
/// A PDF an employer shared with the health team (SPEC.md 3.6, seeds 000, 001, 004): on its own in the
/// documents space, or attached to a visit request. The file lives in <see cref="StoredFiles"/> under its id.
/// </summary>
public sealed class Document : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required DocumentNature Nature { get; init; }
    /// <summary>The name it was uploaded with, shown in lists only: the stored file is named by the id.</summary>
    public required string FileName { get; init; }
    public required long SizeBytes { get; init; }
    public required DateTimeOffset UploadedAt { get; init; }
    public Guid? UploadedByUserId { get; init; }
    /// <summary>The visit request it is attached to, if any.</summary>
    public Guid? VisitRequestId { get; set; }
    /// <summary>Staff acknowledged receipt: from then on the employer can no longer delete it.</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedByUserId { get; set; }
}

public sealed record DocumentView(Guid Id, Guid CompanyId, DocumentNature Nature, string FileName, long SizeBytes, DateTimeOffset UploadedAt,
    Guid? VisitRequestId, DateTimeOffset? AcknowledgedAt)
{
    public bool Acknowledged => AcknowledgedAt is not null;

    public static DocumentView Of(Document d) => new(d.Id, d.CompanyId, d.Nature, d.FileName, d.SizeBytes, d.UploadedAt, d.VisitRequestId, d.AcknowledgedAt);
}

/// <summary>The words and limits of shared documents.</summary>
public static class DocumentRules
{
    /// <summary>« inférieur à 1 Mo » (seeds 000, 001).</summary>
    public const long MaxBytes = 1024 * 1024;
    /// <summary>« Vous pouvez transmettre jusqu'à 5 documents » per visit request (seed 001).</summary>
    public const int MaxAttachmentsPerRequest = 5;
    public const int FileNameMaxLength = 200;

    public static string Label(DocumentNature nature) => nature switch
    {
        DocumentNature.FollowUpCertificate => "Attestation de suivi",
        DocumentNature.DrivingAuthorisation => "Autorisation de conduite",
        DocumentNature.MedicalOpinion => "Avis médical",
        DocumentNature.JobDescription => "Fiche de poste",
        _ => "Planning",
    };

    /// <summary>The nature from its enum name (API, forms) or its French label; null when it is neither.</summary>
    public static DocumentNature? ParseNature(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        foreach (var n in Enum.GetValues<DocumentNature>())
            if (string.Equals(n.ToString(), t, StringComparison.OrdinalIgnoreCase) || string.Equals(ToConstant(n), t, StringComparison.OrdinalIgnoreCase)
                || string.Equals(Label(n), t, StringComparison.OrdinalIgnoreCase))
                return n;
        return null;
    }

    /// <summary>The GraphQL spelling (FOLLOW_UP_CERTIFICATE).</summary>
    public static string ToConstant(DocumentNature n) => string.Concat(n.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    public static UserError UnknownNature(string field) =>
        new("INVALID_NATURE", $"Choisissez la nature du document : {string.Join(", ", Enum.GetValues<DocumentNature>().Select(Label))}.", field);

    /// <summary>The uploaded name kept for display: no folders, no control characters, bounded.</summary>
    public static string CleanFileName(string? name)
    {
        var plain = Path.GetFileName((name ?? "").Replace('\\', '/'));
        plain = new string(plain.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (plain.Length == 0) plain = "document.pdf";
        // What is stored is a PDF whatever the name said: the name downloaded ends in .pdf, so that no
        // « avis.html » opens in a browser on the health team's machine.
        if (!plain.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)) plain = Path.GetFileNameWithoutExtension(plain) + ".pdf";
        if (plain.Length > FileNameMaxLength) plain = plain[..(FileNameMaxLength - 4)] + ".pdf";
        return plain;
    }
}
