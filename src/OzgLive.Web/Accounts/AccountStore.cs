using System.Collections.Concurrent;
using Dapper;
using Microsoft.AspNetCore.Identity;
using OzgLive.Web.Security;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Accounts;

public sealed record Account(long Id, string Email, string DisplayName, string Role);

public enum SignInOutcome
{
    Success,
    WrongCredentials,
    LockedOut,
}

public sealed class AccountOptions
{
    /// <summary>Failed sign-ins in a row before an account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A session ends this long after sign-in however active it is (ASVS 7.3.2); the cookie's own
    /// 12 hours of inactivity end it earlier. A day covers any event with its preparation.
    /// </summary>
    public TimeSpan AbsoluteSessionLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The first organiser, created at start-up when no account with this e-mail exists.</summary>
    public InitialOrganiserOptions InitialOrganiser { get; set; } = new();
}

public sealed class InitialOrganiserOptions
{
    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "Organisation";

    /// <summary>No default outside Development: without it no organiser is created.</summary>
    public string Password { get; set; } = "";
}

/// <summary>Organiser and moderator accounts; passwords hashed with ASP.NET Core Identity's hasher.</summary>
public sealed class AccountStore(
    Database database,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<AccountOptions> options,
    AccountSessions sessions,
    ILoggerFactory loggers)
{
    private readonly ILogger securityLog = loggers.CreateLogger(SecurityLog.Category);

    private static readonly PasswordHasher<Account> Hasher = new();

    // Verifying against this when the e-mail is unknown costs the same time as a real check, so
    // response times do not reveal which addresses have accounts.
    private static readonly string DummyHash = Hasher.HashPassword(new Account(0, "", "", ""), "not-a-password");

    // Addresses without an account are counted and locked like real ones, so the lock-out does not
    // reveal which addresses exist. In memory and bounded: whoever floods it with made-up addresses
    // only resets the counts of made-up addresses.
    private const int MaxUnknownTracked = 10_000;
    private readonly ConcurrentDictionary<string, UnknownAddress> unknownAddresses = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan LockoutDuration => options.Value.LockoutDuration;

    public async Task<Account> CreateAsync(string email, string displayName, string role, string password)
    {
        if (!AccountRoles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }

        var account = new Account(0, email.Trim(), displayName.Trim(), role);
        await using var connection = database.Open();
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO accounts (email, display_name, role, password_hash, created_utc)
            VALUES (@Email, @DisplayName, @Role, @hash, @now)
            RETURNING id
            """,
            new { account.Email, account.DisplayName, account.Role, hash = Hasher.HashPassword(account, password), now = time.GetUtcNow() });
        return account with { Id = id };
    }

    public async Task<Account?> FindByEmailAsync(string email)
    {
        await using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(
            "SELECT id, email, display_name AS DisplayName, role, password_hash AS PasswordHash, failed_logins AS FailedLogins, locked_until_utc AS LockedUntil FROM accounts WHERE email = @email",
            new { email = email.Trim() });
        return row?.ToAccount();
    }

    /// <param name="address">The caller's address, for the security log only.</param>
    public async Task<(SignInOutcome Outcome, Account? Account)> CheckPasswordAsync(string email, string password, string address = "unknown")
    {
        email = (email ?? "").Trim();
        password ??= "";
        await using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(
            "SELECT id, email, display_name AS DisplayName, role, password_hash AS PasswordHash, failed_logins AS FailedLogins, locked_until_utc AS LockedUntil FROM accounts WHERE email = @email",
            new { email });
        var now = time.GetUtcNow();
        if (row is null)
        {
            Hasher.VerifyHashedPassword(new Account(0, "", "", ""), DummyHash, password);
            // "unknown", never the address typed in: it may be a mistyped real one, or a password.
            var unknownOutcome = FailUnknown(email, now);
            SecurityLog.FailedSignIn(securityLog, "unknown", address);
            return (unknownOutcome, null);
        }

        var accountName = AccountClaims.Name(row.Id);
        if (row.LockedUntil is DateTimeOffset lockedUntil && lockedUntil > now)
        {
            SecurityLog.SignInWhileLockedOut(securityLog, accountName, address);
            return (SignInOutcome.LockedOut, null);
        }

        var account = row.ToAccount();
        var result = Hasher.VerifyHashedPassword(account, row.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            // One statement, counted in the database: parallel wrong guesses each count, and one
            // that ends after another locked the account does not unlock it. (Times are ISO text,
            // so comparing them as text compares the times.)
            var locked = await connection.ExecuteScalarAsync<long>(
                """
                UPDATE accounts SET
                    failed_logins = CASE WHEN failed_logins + 1 >= @max THEN 0 ELSE failed_logins + 1 END,
                    locked_until_utc = CASE WHEN failed_logins + 1 >= @max THEN @lockedUntil ELSE locked_until_utc END
                WHERE id = @Id
                RETURNING locked_until_utc IS NOT NULL AND locked_until_utc > @now
                """,
                new { max = options.Value.MaxFailedSignIns, lockedUntil = now + options.Value.LockoutDuration, now, row.Id });
            SecurityLog.FailedSignIn(securityLog, accountName, address);
            if (locked == 0)
            {
                return (SignInOutcome.WrongCredentials, null);
            }

            // Whoever guesses may already hold a stolen cookie: a lock-out ends the account's sessions too.
            SecurityLog.LockedOut(securityLog, accountName, address);
            await sessions.EndAllAsync(row.Id, SessionEndReason.LockedOut);
            return (SignInOutcome.LockedOut, null);
        }

        var newHash = result == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(account, password) : row.PasswordHash;
        await connection.ExecuteAsync(
            "UPDATE accounts SET failed_logins = 0, locked_until_utc = NULL, password_hash = @newHash WHERE id = @Id",
            new { newHash, row.Id });
        return (SignInOutcome.Success, account);
    }

    private SignInOutcome FailUnknown(string email, DateTimeOffset now)
    {
        if (unknownAddresses.Count >= MaxUnknownTracked)
        {
            unknownAddresses.Clear();
        }

        var counted = unknownAddresses.AddOrUpdate(
            email,
            _ => CountFailure(new UnknownAddress(0, null), now),
            (_, previous) => previous.LockedUntil > now ? previous : CountFailure(previous, now));
        return counted.LockedUntil > now ? SignInOutcome.LockedOut : SignInOutcome.WrongCredentials;
    }

    private UnknownAddress CountFailure(UnknownAddress previous, DateTimeOffset now) =>
        previous.Failed + 1 >= options.Value.MaxFailedSignIns
            ? new UnknownAddress(0, now + options.Value.LockoutDuration)
            : new UnknownAddress(previous.Failed + 1, null);

    /// <summary>Sets a new password; every session of the account ends (ASVS 7.4.3).</summary>
    public async Task ChangePasswordAsync(long accountId, string newPassword)
    {
        await using (var connection = database.Open())
        {
            var account = await connection.QuerySingleAsync<AccountRow>(
                "SELECT id, email, display_name AS DisplayName, role FROM accounts WHERE id = @accountId", new { accountId });
            await connection.ExecuteAsync(
                "UPDATE accounts SET password_hash = @hash, failed_logins = 0, locked_until_utc = NULL WHERE id = @accountId",
                new { hash = Hasher.HashPassword(account.ToAccount(), newPassword), accountId });
        }

        await sessions.EndAllAsync(accountId, SessionEndReason.PasswordChanged);
    }

    /// <summary>Removes the account from the organisation; its sessions and open consoles end at once.</summary>
    public async Task RemoveAsync(long accountId)
    {
        await sessions.EndAllAsync(accountId, SessionEndReason.AccountRemoved);
        await using var connection = database.Open();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("DELETE FROM event_moderators WHERE account_id = @accountId", new { accountId }, transaction);
        await connection.ExecuteAsync("DELETE FROM account_sessions WHERE account_id = @accountId", new { accountId }, transaction);
        await connection.ExecuteAsync("DELETE FROM accounts WHERE id = @accountId", new { accountId }, transaction);
        await transaction.CommitAsync();
    }

    public async Task AssignModeratorAsync(long eventId, long accountId)
    {
        await using var connection = database.Open();
        await connection.ExecuteAsync(
            "INSERT INTO event_moderators (event_id, account_id) VALUES (@eventId, @accountId) ON CONFLICT DO NOTHING",
            new { eventId, accountId });
    }

    /// <returns>Whether the moderator was assigned before.</returns>
    public async Task<bool> UnassignModeratorAsync(long eventId, long accountId)
    {
        await using var connection = database.Open();
        return await connection.ExecuteAsync(
            "DELETE FROM event_moderators WHERE event_id = @eventId AND account_id = @accountId",
            new { eventId, accountId }) > 0;
    }

    public async Task<IReadOnlyList<Account>> ListByRoleAsync(string role)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<AccountRow>(
            "SELECT id, email, display_name AS DisplayName, role FROM accounts WHERE role = @role ORDER BY display_name, email",
            new { role });
        return rows.Select(r => r.ToAccount()).ToList();
    }

    public async Task<IReadOnlyList<Account>> ListModeratorsOfEventAsync(long eventId)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<AccountRow>(
            """
            SELECT a.id, a.email, a.display_name AS DisplayName, a.role
            FROM event_moderators m JOIN accounts a ON a.id = m.account_id
            WHERE m.event_id = @eventId
            ORDER BY a.display_name, a.email
            """,
            new { eventId });
        return rows.Select(r => r.ToAccount()).ToList();
    }

    /// <summary>Creates the configured first organiser if it does not exist yet.</summary>
    public async Task EnsureInitialOrganiserAsync(ILogger logger)
    {
        var initial = options.Value.InitialOrganiser;
        if (string.IsNullOrWhiteSpace(initial.Email))
        {
            if ((await ListByRoleAsync(AccountRoles.Organiser)).Count == 0)
            {
                logger.LogWarning("There is no organiser account and none is configured (Accounts:InitialOrganiser:Email and :Password): nobody can sign in to organise");
            }

            return;
        }

        if (await FindByEmailAsync(initial.Email) is not null)
        {
            return;
        }

        if (string.IsNullOrEmpty(initial.Password))
        {
            logger.LogWarning("No password configured for the first organiser (Accounts:InitialOrganiser:Password); none was created");
            return;
        }

        await CreateAsync(initial.Email, initial.DisplayName, AccountRoles.Organiser, initial.Password);
        logger.LogInformation("Created the first organiser account from configuration");
    }

    private sealed record UnknownAddress(int Failed, DateTimeOffset? LockedUntil);

    private sealed class AccountRow
    {
        public long Id { get; init; }
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Role { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public int FailedLogins { get; init; }
        public DateTimeOffset? LockedUntil { get; init; }

        public Account ToAccount() => new(Id, Email, DisplayName, Role);
    }
}
