using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using SocialCrm.Persistence.Configuration;

namespace SocialCrm.Web.Workplace;

/// <summary>Section SocialCrm:DataProtection: the certificate that encrypts the sign-in keys kept in the store.</summary>
public sealed class KeyProtectionOptions
{
    /// <summary>A PKCS#12 (.pfx) file with its private key. Default: made on first start beside the SQLite file, or in data/ for a server store.</summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
    /// <summary>Certificates used before a rotation: keys they encrypted stay readable (cookies and tokens made with them keep working until they expire).</summary>
    public string[] PreviousCertificatePaths { get; set; } = [];
}

/// <summary>
/// The data-protection keys that sign cookies and bearer tokens are kept in the store (so every process reads every
/// other's), encrypted with a certificate (ASP.NET Core's ProtectKeysWithCertificate): a copy of the database or a
/// backup alone is not enough to forge a sign-in. Every process of a deployment must be given the same certificate.
/// </summary>
public static class KeyProtection
{
    public static IDataProtectionBuilder ProtectKeysWithSocialCrmCertificate(this IDataProtectionBuilder builder, KeyProtectionOptions options, DatabaseOptions database)
    {
        var path = options.CertificatePath ?? DefaultPath(database);
        var certificate = File.Exists(path) || options.CertificatePath is not null ? Load(path, options.CertificatePassword) : Create(path);
        var readable = options.PreviousCertificatePaths.Select(p => Load(p, options.CertificatePassword)).Prepend(certificate).ToArray();
        // Decrypting names the certificate by thumbprint; without the X.509 store of Windows it must be handed over.
        return builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(readable);
    }

    /// <summary>Beside the SQLite file (its folder is the owner's only), or data/ at the checkout's root for a server store.</summary>
    public static string DefaultPath(DatabaseOptions database)
    {
        var folder = DatabaseOptions.Canonical(database.Provider) == DatabaseOptions.Sqlite
                     && new SqliteConnectionStringBuilder(PersistenceServiceCollectionExtensions.ResolveSqlitePath(database.ConnectionString)).DataSource is { Length: > 0 } file && file != ":memory:"
            ? Path.GetDirectoryName(Path.GetFullPath(file))!
            : Path.Combine(PersistenceServiceCollectionExtensions.CheckoutRoot() ?? Directory.GetCurrentDirectory(), "data");
        return Path.Combine(folder, "dataprotection.pfx");
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"SocialCrm:DataProtection: the certificate {path} does not exist");
        // Ephemeral keys never touch the disk; macOS has no ephemeral key sets.
        return X509CertificateLoader.LoadPkcs12FromFile(path, password, OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet);
    }

    /// <summary>A self-signed RSA certificate for this installation, written readable by its owner only; a process starting at the same moment takes the one written first.</summary>
    private static X509Certificate2 Create(string path)
    {
        OwnerOnlyFiles.EnsureFolder(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=SocialCrm sign-in key encryption", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(30));
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var file = OwnerOnlyFiles.Create(temporary)) file.Write(made.Export(X509ContentType.Pfx));
        try { File.Move(temporary, path, overwrite: false); }
        catch (IOException) { File.Delete(temporary); } // another process wrote one first: use theirs
        return Load(path, null);
    }
}
