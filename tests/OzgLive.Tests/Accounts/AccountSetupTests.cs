using System.Net;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Accounts;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Accounts;

/// <summary>How accounts are stored, and the first organiser that comes from configuration.</summary>
public sealed class AccountSetupTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ozglive-accounts-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task The_stored_hash_is_not_the_password_and_verifies_with_the_Identity_password_hasher()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        var (moderatorId, _) = await app.CreateModeratorAsync("moderation@test.local");

        await using var connection = app.Get<Database>().Open();
        var rows = (await connection.QueryAsync<(long Id, string Email, string DisplayName, string Role, string Hash)>(
            "SELECT id, email, display_name, role, password_hash FROM accounts ORDER BY id")).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Id == moderatorId && r.Role == AccountRoles.Moderator);
        var hasher = new PasswordHasher<Account>();
        foreach (var row in rows)
        {
            // Both accounts have the same password, yet each hash is salted differently.
            Assert.DoesNotContain(TestApp.OrganiserPassword, row.Hash, StringComparison.Ordinal);
            var account = new Account(row.Id, row.Email, row.DisplayName, row.Role);
            Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(account, row.Hash, TestApp.OrganiserPassword));
            Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(account, row.Hash, TestApp.OrganiserPassword + "x"));
        }

        Assert.NotEqual(rows[0].Hash, rows[1].Hash);
    }

    [Fact]
    public async Task The_first_organiser_is_created_from_configuration_once_and_a_changed_setting_does_not_overwrite_it()
    {
        await using (var first = await PreparedHost.PrepareAsync(folder, "Production", Organiser("Erstes-Passwort-2026")))
        {
            var organisers = await first.Get<AccountStore>().ListByRoleAsync(AccountRoles.Organiser);
            var organiser = Assert.Single(organisers);
            Assert.Equal("erste@test.local", organiser.Email);
            Assert.Equal("Erste Organisation", organiser.DisplayName);
            Assert.Contains(first.Logs.Entries, e => e.Message.Contains("Created the first organiser", StringComparison.Ordinal));
        }

        // A restart with another password in configuration (e.g. the operator rotated the secret
        // after changing the password): the stored account stays as it is.
        await using var second = await PreparedHost.PrepareAsync(folder, "Production", Organiser("Anderes-Passwort-2027"));
        var accounts = second.Get<AccountStore>();
        Assert.Single(await accounts.ListByRoleAsync(AccountRoles.Organiser));
        Assert.Equal(SignInOutcome.Success, (await accounts.CheckPasswordAsync("erste@test.local", "Erstes-Passwort-2026")).Outcome);
        Assert.Equal(SignInOutcome.WrongCredentials, (await accounts.CheckPasswordAsync("erste@test.local", "Anderes-Passwort-2027")).Outcome);
        Assert.DoesNotContain(second.Logs.Entries, e => e.Message.Contains("Created the first organiser", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public async Task Outside_Development_an_organiser_without_a_configured_password_is_not_created_and_a_warning_says_why(string environment)
    {
        await using var host = await PreparedHost.PrepareAsync(folder, environment, new Dictionary<string, string?>
        {
            ["Accounts:InitialOrganiser:Email"] = "erste@test.local",
        });

        Assert.Empty(await host.Get<AccountStore>().ListByRoleAsync(AccountRoles.Organiser));
        var warning = Assert.Single(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category == "OzgLive.Accounts");
        Assert.Contains("Accounts:InitialOrganiser:Password", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_Development_with_no_organiser_configured_at_all_there_is_no_account_and_a_warning()
    {
        await using var host = await PreparedHost.PrepareAsync(folder, "Production", new Dictionary<string, string?>());

        await using var connection = host.Get<Database>().Open();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM accounts"));
        var warning = Assert.Single(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category == "OzgLive.Accounts");
        Assert.Contains("no organiser account", warning.Message, StringComparison.Ordinal);
        // The development password is no default anywhere else.
        Assert.Equal(SignInOutcome.WrongCredentials, (await host.Get<AccountStore>().CheckPasswordAsync("organisation@ozglive.local", "ozglive-dev-2026")).Outcome);
    }

    [Fact]
    public async Task In_Development_a_newcomer_gets_the_documented_first_organiser()
    {
        await using var host = await PreparedHost.PrepareAsync(folder, "Development", new Dictionary<string, string?>());

        var (outcome, account) = await host.Get<AccountStore>().CheckPasswordAsync("organisation@ozglive.local", "ozglive-dev-2026");
        Assert.Equal(SignInOutcome.Success, outcome);
        Assert.Equal(AccountRoles.Organiser, account!.Role);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Category == "OzgLive.Accounts");
    }

    [Fact]
    public async Task The_test_app_without_the_organiser_password_has_no_organiser_and_nobody_can_sign_in()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false, extra: new Dictionary<string, string?>
        {
            ["Accounts:InitialOrganiser:Password"] = "",
        });

        Assert.Empty(await app.Get<AccountStore>().ListByRoleAsync(AccountRoles.Organiser));
        var answer = await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, TestApp.OrganiserPassword);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(answer.HasSession(app.BaseAddress));
    }

    private static Dictionary<string, string?> Organiser(string password) => new()
    {
        ["Accounts:InitialOrganiser:Email"] = "erste@test.local",
        ["Accounts:InitialOrganiser:DisplayName"] = "Erste Organisation",
        ["Accounts:InitialOrganiser:Password"] = password,
    };
}
