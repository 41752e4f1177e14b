using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;

namespace Platform.Host.Infrastructure;

/// <summary>
/// The data-protection key ring (cookies, TOTP secrets, NIRs): kept in the platform database
/// (DataProtectionKeys table, through IdentityDb) so that every node reads what another wrote, under
/// one application name; encrypted there with a certificate from configuration
/// (DataProtection:Certificate:Path, :Password), required in Production: a copy of the database alone
/// then reads nothing. Every node needs the same certificate.
/// </summary>
public static class DataProtectionKeys
{
    public const string CertificatePathKey = "DataProtection:Certificate:Path";
    public const string CertificatePasswordKey = "DataProtection:Certificate:Password";
    /// <summary>
    /// The same on every node: the name isolates key rings, and the nodes must share one. Before this
    /// setting the name was the content root path (/app in the image): an installation with data
    /// encrypted then sets DataProtection:ApplicationName to that path to keep reading it.
    /// </summary>
    public const string ApplicationNameKey = "DataProtection:ApplicationName";
    public const string DefaultApplicationName = "platform";

    public static void AddDataProtectionKeys(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var keys = services.AddDataProtection().SetApplicationName(configuration[ApplicationNameKey] is { Length: > 0 } name ? name : DefaultApplicationName).PersistKeysToDbContext<IdentityDb>();
        if (configuration[CertificatePathKey] is { Length: > 0 } path)
        {
            // The same certificate decrypts the keys it encrypted (no certificate store needed on Linux).
            keys.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey]));
        }
        else if (environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"{CertificatePathKey} (fichier PFX, mot de passe dans {CertificatePasswordKey}) est obligatoire en production : " +
                "il chiffre les clés de protection des données (cookies, secrets d'authentificateur, NIR) dans la base.");
        }
    }

    /// <summary>
    /// Before the keys moved to the database they were files in {data}/keys: `migrate` copies those the
    /// table lacks, so that NIRs and secrets encrypted with them stay readable. Idempotent.
    /// </summary>
    public static async Task<int> ImportKeyFilesAsync(IServiceProvider services, string dataDirectory, CancellationToken ct = default)
    {
        var folder = Path.Combine(dataDirectory, "keys");
        if (!Directory.Exists(folder)) return 0;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(ct)).ToHashSet();
        var imported = 0;
        foreach (var file in Directory.GetFiles(folder, "*.xml"))
        {
            // The file store names a key file "key-{id}.xml", the database store keeps the same name as FriendlyName.
            var name = Path.GetFileNameWithoutExtension(file);
            if (known.Contains(name)) continue;
            var xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting);
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = xml });
            imported++;
        }
        await db.SaveChangesAsync(ct);
        return imported;
    }
}
