using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Security;

/// <summary>Settings under "DataProtection" (README, docs/security.md).</summary>
public sealed class KeyStorageOptions
{
    /// <summary>
    /// Where the data-protection keys live. Empty: "keys" beside the SQLite file (data/keys with PostgreSQL). Several nodes
    /// behind one address must share this folder (or viewers lose their identity and staff their
    /// sign-in when the balancer switches node).
    /// </summary>
    public string KeyFolder { get; set; } = "";

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts the keys at rest. Empty: keys are stored unencrypted, readable by this user only.</summary>
    public string CertificatePath { get; set; } = "";

    public string CertificatePassword { get; set; } = "";
}

/// <summary>
/// The data-protection keys encrypt the sign-in and antiforgery cookies and sign the viewers'
/// identity. Kept on disk (the data volume) so that a restart or a new container keeps everyone's
/// sessions; encrypted with a configured certificate where one is given (ASVS 11.x, 13.3): Linux has
/// no DPAPI, so without a certificate the folder is restricted to the app's own user instead.
/// </summary>
public static class KeyStorage
{
    /// <summary>
    /// Reads its settings while registering (the certificate must be loaded to register it), so it is
    /// called after every configuration source is in, tests' included (Program.cs).
    /// </summary>
    public static IHostApplicationBuilder AddKeyStorage(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("DataProtection").Get<KeyStorageOptions>() ?? new KeyStorageOptions();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("OzgLive");
        if (settings.CertificatePath.Length > 0)
        {
            if (!File.Exists(settings.CertificatePath))
            {
                throw new InvalidOperationException($"DataProtection:CertificatePath names no file: {settings.CertificatePath}");
            }

            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.CertificatePassword));
        }

        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(options =>
                options.XmlRepository = new FileSystemXmlRepository(
                    Folder(settings, services.GetRequiredService<Database>(), services.GetRequiredService<IHostEnvironment>()), services.GetRequiredService<ILoggerFactory>())));
        return builder;
    }

    private static DirectoryInfo Folder(KeyStorageOptions settings, Database database, IHostEnvironment environment)
    {
        var path = settings.KeyFolder.Length > 0
            ? Path.GetFullPath(settings.KeyFolder)
            : database.FilePath.Length > 0
                ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database.FilePath)) ?? ".", "keys")
                // PostgreSQL has no file to sit beside: the default data folder (data/keys under the content root).
                : Path.Combine(environment.ContentRootPath, "data", "keys");
        try
        {
            // Created here, before the repository would, to restrict it: only the app's own user may
            // read the keys, since whoever reads them can forge a sign-in cookie.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only volume is reported by the storage check with the setting to change; a
            // shared folder prepared by the operators (several nodes) keeps their permissions.
        }

        return new DirectoryInfo(path);
    }
}
