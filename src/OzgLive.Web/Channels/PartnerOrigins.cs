using System.Data;
using Dapper;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Channels;

/// <summary>
/// The partner sites allowed to show an event's embed (/embed/{slug}) in a frame, as origins
/// (https://partner.example). The list decides the embed's frame-ancestors policy and which
/// partner a question asked in the embed is counted for.
/// </summary>
public sealed class PartnerOrigins(Database database)
{
    /// <summary>Enough for every partner of an event; more would make the response header long.</summary>
    public const int MaxOrigins = 20;

    public async Task<IReadOnlyList<string>> ListAsync(long eventId)
    {
        await using var connection = database.Open();
        return (await connection.QueryAsync<string>(
            "SELECT origin FROM event_partner_origins WHERE event_id = @eventId ORDER BY origin", new { eventId })).AsList();
    }

    /// <summary>The series' list, which applies to all its events.</summary>
    public async Task<IReadOnlyList<string>> ListForSeriesAsync(long seriesId)
    {
        await using var connection = database.Open();
        return (await connection.QueryAsync<string>(
            "SELECT origin FROM series_partner_origins WHERE series_id = @seriesId ORDER BY origin", new { seriesId })).AsList();
    }

    /// <summary>Every site that may frame the event's embed: the series' list and the event's additions.</summary>
    public async Task<IReadOnlyList<string>> ListBySlugAsync(string slug)
    {
        await using var connection = database.Open();
        return (await connection.QueryAsync<string>(
            AllowedSql("(SELECT id FROM events WHERE slug = @slug)") + " ORDER BY origin", new { slug })).AsList();
    }

    /// <summary>Every site that may frame the event's embed, read inside a change of the event (QuestionIntake).</summary>
    public static async Task<IReadOnlySet<string>> ListAllowedAsync(IDbConnection connection, IDbTransaction transaction, long eventId) =>
        (await connection.QueryAsync<string>(AllowedSql("@eventId"), new { eventId }, transaction)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The origins allowed for the event the SQL expression names: its own list and its series' list.
    /// One place, so the frame-ancestors policy and the channel a question counts for agree.
    /// </summary>
    private static string AllowedSql(string eventId) =>
        $"""
        SELECT origin FROM event_partner_origins WHERE event_id = {eventId}
        UNION
        SELECT s.origin FROM series_partner_origins s JOIN events e ON e.series_id = s.series_id WHERE e.id = {eventId}
        """;

    /// <summary>Replaces the event's list with the given origins (already normalised by <see cref="Parse"/>).</summary>
    public Task SaveAsync(long eventId, IReadOnlyCollection<string> origins) =>
        ReplaceAsync("event_partner_origins", "event_id", eventId, "id = @id", origins);

    /// <summary>Replaces the series' list with the given origins (already normalised by <see cref="Parse"/>).</summary>
    public Task SaveForSeriesAsync(long seriesId, IReadOnlyCollection<string> origins) =>
        ReplaceAsync("series_partner_origins", "series_id", seriesId, "series_id = @id", origins);

    // table, column and the events' condition are the constants above, never input.
    private async Task ReplaceAsync(string table, string column, long id, string eventsWhere, IReadOnlyCollection<string> origins)
    {
        await using var connection = database.Open();
        await using var transaction = Database.BeginWrite(connection);
        await connection.ExecuteAsync($"DELETE FROM {table} WHERE {column} = @id", new { id }, transaction);
        await connection.ExecuteAsync(
            $"INSERT INTO {table} ({column}, origin) VALUES (@id, @origin)",
            origins.Select(origin => new { id, origin }), transaction);
        // The events' partners are kept with their intake state (QuestionIntake) on every node: their
        // state version moves with the list, in the same transaction, so the next question reads it again.
        await EventChanges.RaiseStateVersionAsync(connection, transaction, eventsWhere, new { id });
        await transaction.CommitAsync();
    }

    /// <summary>
    /// One origin a line (or separated by spaces or commas), as organisers paste them: a whole page
    /// address is cut down to its origin. Returns the origins, or the entries that are not http(s) addresses.
    /// </summary>
    public static (IReadOnlyList<string> Origins, IReadOnlyList<string> Invalid) Parse(string? text)
    {
        var origins = new SortedSet<string>(StringComparer.Ordinal);
        var invalid = new List<string>();
        foreach (var entry in (text ?? "").Split(['\n', '\r', ' ', ',', ';', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Normalize(entry) is string origin)
            {
                origins.Add(origin);
            }
            else
            {
                invalid.Add(entry);
            }
        }

        return (origins.ToList(), invalid);
    }

    /// <summary>
    /// What an organiser's form typed, for the event's and the series' list alike: the origins, or
    /// what to tell the organiser (the wrong entries, or <paramref name="tooMany"/>'s text).
    /// </summary>
    public static (IReadOnlyList<string> Origins, IReadOnlyList<string> Problems) ReadForm(string? text, Func<int, string> tooMany)
    {
        var (parsed, wrong) = Parse(text);
        return wrong.Count > 0 ? ([], wrong) : parsed.Count > MaxOrigins ? ([], [tooMany(MaxOrigins)]) : (parsed, []);
    }

    /// <summary>"https://Partner.example:443/seite" is "https://partner.example"; null for anything but an http(s) address.</summary>
    public static string? Normalize(string? address)
    {
        if (!Uri.TryCreate(address?.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    /// <summary>The embed's policy: framed by the listed partners only; by nobody when there are none.</summary>
    public static string FrameAncestors(IReadOnlyList<string> origins) =>
        origins.Count == 0 ? "frame-ancestors 'none'" : "frame-ancestors " + string.Join(' ', origins);

    /// <summary>
    /// The channel a viewer's question is stored with (questions.channel): null for the live page,
    /// "embed:{origin}" for a listed partner's embed, "embed" for the embed anywhere else. What the
    /// page claims is only believed for partners on the event's or its series' list (<paramref name="allowed"/>,
    /// from <see cref="ListAllowedAsync"/>).
    /// </summary>
    public static string? Channel(IReadOnlySet<string> allowed, string? claimed)
    {
        if (claimed is null || !claimed.StartsWith(QuestionChannel.Embed, StringComparison.Ordinal))
        {
            return null;
        }

        var origin = Normalize(claimed.Length > QuestionChannel.Embed.Length + 1 ? claimed[(QuestionChannel.Embed.Length + 1)..] : null);
        return origin is not null && allowed.Contains(origin) ? $"{QuestionChannel.Embed}:{origin}" : QuestionChannel.Embed;
    }
}
