using Dapper;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Channels;

/// <summary>
/// The events' short join codes (/j/{code}): six characters from an alphabet without look-alikes.
/// The database draws them (trigger in Storage/Migrations/0008_join_codes.sql), so every way of
/// creating an event gets one; this class reads them and turns what a viewer typed into a code.
/// </summary>
public sealed class JoinCodes(Database database, Security.SiteAddress site)
{
    /// <summary>Digits and capitals without 0/O and 1/I/L, which look alike on a slide or a phone.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public const int Length = 6;

    /// <summary>
    /// The code in what a viewer typed, in capitals ("abc 234" and "ABC-234" are "ABC234"); null when
    /// it cannot be a code at all.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 40)
        {
            return null;
        }

        var code = new string(typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        return code.Length == Length && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }

    /// <summary>"ABC 234": easier to read out and to copy from a slide.</summary>
    public static string Display(string code) => code.Length == Length ? $"{code[..3]} {code[3..]}" : code;

    public static string JoinPath(string code) => $"/j/{code}";

    /// <summary>
    /// The slug of the public (not draft) event with this code, or null. Malformed input is looked up
    /// like any other unknown code, so the answer takes the same time whatever was typed.
    /// </summary>
    public async Task<string?> FindSlugAsync(string? typed)
    {
        var code = Normalize(typed) ?? "";
        await using var connection = database.Open();
        return await connection.ExecuteScalarAsync<string?>(
            "SELECT slug FROM events WHERE join_code = @code AND status <> 'draft'", new { code });
    }

    public async Task<string?> ForEventAsync(long eventId)
    {
        await using var connection = database.Open();
        return await connection.ExecuteScalarAsync<string?>("SELECT join_code FROM events WHERE id = @eventId", new { eventId });
    }

    /// <summary>The join link as people outside see it: on the site's configured public address (Security/SiteAddress.cs).</summary>
    public string JoinUrl(HttpRequest request, string code) => site.Absolute(request, JoinPath(code));

    /// <summary>The join link for an interactive component (no request at hand).</summary>
    public string JoinUrl(Microsoft.AspNetCore.Components.NavigationManager navigation, string code) => site.Absolute(navigation, JoinPath(code));
}
