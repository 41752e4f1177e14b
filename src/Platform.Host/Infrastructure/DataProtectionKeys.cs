using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Platform.Host.Infrastructure;

/// <summary>
/// The data-protection key ring (cookies, TOTP secrets, NIRs): kept in {data}/keys to survive restarts,
/// and encrypted there with a certificate from configuration (DataProtection:Certificate:Path, :Password),
/// required in Production: a copy of the data volume alone then reads nothing.
/// </summary>
public static class DataProtectionKeys
{
    public const string CertificatePathKey = "DataProtection:Certificate:Path";
    public const string CertificatePasswordKey = "DataProtection:Certificate:Password";

    public static void AddDataProtectionKeys(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string dataDirectory)
    {
        var keys = services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        if (configuration[CertificatePathKey] is { Length: > 0 } path)
        {
            // The same certificate decrypts the keys it encrypted (no certificate store needed on Linux).
            keys.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey]));
        }
        else if (environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"{CertificatePathKey} (fichier PFX, mot de passe dans {CertificatePasswordKey}) est obligatoire en production : " +
                "il chiffre les clés de protection des données (cookies, secrets d'authentificateur, NIR) sur le disque.");
        }
    }
}
