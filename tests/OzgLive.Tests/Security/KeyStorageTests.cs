using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OzgLive.Tests.Infrastructure;

namespace OzgLive.Tests.Security;

/// <summary>Finding 7: the data-protection keys are kept where configured and encrypted at rest with a configured certificate.</summary>
public sealed class KeyStorageTests
{
    [Fact]
    public async Task With_a_certificate_the_keys_in_the_configured_folder_are_encrypted_and_still_open_sign_ins_after_a_restart()
    {
        var folder = Directory.CreateTempSubdirectory("ozglive-keys-").FullName;
        var keys = Path.Combine(folder, "gemeinsame-schluessel");
        var pfx = Path.Combine(folder, "schluessel.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=OzgLive data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-passwort"));
        }

        try
        {
            await using var app = await TestApp.StartAsync(seedDemo: false, extra: new Dictionary<string, string?>
            {
                ["DataProtection:KeyFolder"] = keys,
                ["DataProtection:CertificatePath"] = pfx,
                ["DataProtection:CertificatePassword"] = "pfx-passwort",
            });
            var cookies = await app.SignInAsync();

            var keyFile = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(keys, "key-*.xml")));
            Assert.Contains("EncryptedData", keyFile, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", keyFile, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(Path.Combine(app.Folder), "key-*.xml", SearchOption.AllDirectories));

            await app.RestartAsync();
            using var http = app.CreateClient(cookies);
            using var organisation = await http.GetAsync("/organisation");
            Assert.Equal(HttpStatusCode.OK, organisation.StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Without_a_certificate_only_the_apps_own_user_may_read_the_key_folder()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        await app.SignInAsync();

        var mode = File.GetUnixFileMode(Path.Combine(app.Folder, "keys"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, mode);
    }
}
