using System.Data;
using System.Globalization;
using Dapper;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Polls;

/// <summary>The polls' SQL. Writers pass their connection and transaction; readers may open their own.</summary>
public sealed class PollStore(Database database)
{
    private const string Columns = """
        id, event_id AS EventId, block_number AS BlockNumber, position, kind, question, max_choices AS MaxChoices,
        scale_max AS ScaleMax, low_label AS LowLabel, high_label AS HighLabel, results_mode AS ResultsMode, revealed,
        state, opened_utc AS OpenedAt, closes_utc AS ClosesAt, closed_utc AS ClosedAt, version
        """;

    public async Task<IReadOnlyList<Poll>> ListAsync(long eventId)
    {
        await using var connection = database.Open();
        return await ListAsync(connection, null, eventId);
    }

    /// <summary>Every poll of the event with its results (moderators' view, exports, replay).</summary>
    public async Task<IReadOnlyList<(Poll Poll, PollResults Results)>> ListWithResultsAsync(long eventId)
    {
        await using var connection = database.Open();
        using var transaction = Database.BeginRead(connection);
        return await ListWithResultsAsync(connection, transaction, eventId);
    }

    internal static async Task<IReadOnlyList<(Poll Poll, PollResults Results)>> ListWithResultsAsync(IDbConnection connection, IDbTransaction? transaction, long eventId)
    {
        var polls = await ListAsync(connection, transaction, eventId);
        var list = new List<(Poll, PollResults)>(polls.Count);
        foreach (var poll in polls)
        {
            list.Add((poll, await ResultsAsync(connection, transaction, poll)));
        }

        return list;
    }

    internal static async Task<IReadOnlyList<Poll>> ListAsync(IDbConnection connection, IDbTransaction? transaction, long eventId)
    {
        var rows = (await connection.QueryAsync<PollRow>(
            $"SELECT {Columns} FROM polls WHERE event_id = @eventId ORDER BY COALESCE(block_number, 0), position, id", new { eventId }, transaction)).AsList();
        var options = (await connection.QueryAsync<(long PollId, long Number, string Text)>(
            "SELECT o.poll_id, o.number, o.text FROM poll_options o JOIN polls p ON p.id = o.poll_id WHERE p.event_id = @eventId ORDER BY o.poll_id, o.number",
            new { eventId }, transaction)).ToLookup(o => o.PollId);
        return [.. rows.Select(r => r.ToPoll([.. options[r.Id].Select(o => new PollOption((int)o.Number, o.Text))]))];
    }

    internal static async Task<Poll?> LoadAsync(IDbConnection connection, IDbTransaction? transaction, long pollId)
    {
        var row = await connection.QuerySingleOrDefaultAsync<PollRow>($"SELECT {Columns} FROM polls WHERE id = @pollId", new { pollId }, transaction);
        if (row is null)
        {
            return null;
        }

        var options = await connection.QueryAsync<(long Number, string Text)>(
            "SELECT number, text FROM poll_options WHERE poll_id = @pollId ORDER BY number", new { pollId }, transaction);
        return row.ToPoll([.. options.Select(o => new PollOption((int)o.Number, o.Text))]);
    }

    /// <summary>The counted answers, as stored: held, pending and rejected answers and hidden words are not counted.</summary>
    internal static async Task<PollResults> ResultsAsync(IDbConnection connection, IDbTransaction? transaction, Poll poll)
    {
        var respondents = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(DISTINCT viewer_id) FROM poll_answers WHERE poll_id = @Id", new { poll.Id }, transaction);
        var hidden = (await connection.QueryAsync<string>(
            "SELECT word FROM poll_hidden_words WHERE poll_id = @Id ORDER BY word", new { poll.Id }, transaction)).AsList();
        var pending = (await connection.QueryAsync<(long Id, string Text, string? HeldReason)>(
            "SELECT id, CAST(COALESCE(display, item) AS TEXT), held_reason FROM poll_answers WHERE poll_id = @Id AND status IN ('held', 'pending') ORDER BY id",
            new { poll.Id }, transaction)).Select(p => new PendingPollAnswer(p.Id, p.Text, p.HeldReason)).ToList();
        IReadOnlyList<PollResultItem> items;
        if (poll.Kind == PollKind.Text)
        {
            items = [.. (await connection.QueryAsync<(long Id, string Text)>(
                "SELECT id, item FROM poll_answers WHERE poll_id = @Id AND status = 'shown' ORDER BY id", new { poll.Id }, transaction))
                .Select(t => new PollResultItem(t.Id.ToString(CultureInfo.InvariantCulture), t.Text, 1))];
        }
        else
        {
            // The shown spelling of a word is the smallest of its spellings: the same for every reader.
            var counts = (await connection.QueryAsync<(string Item, string Label, long Count)>(
                """
                SELECT a.item, CAST(MIN(COALESCE(a.display, a.item)) AS TEXT), COUNT(*) FROM poll_answers a
                WHERE a.poll_id = @Id AND a.status = 'shown'
                  AND NOT EXISTS (SELECT 1 FROM poll_hidden_words h WHERE h.poll_id = a.poll_id AND h.word = a.item)
                GROUP BY a.item
                """,
                new { poll.Id }, transaction)).ToDictionary(c => c.Item);
            items = poll.Kind switch
            {
                PollKind.Single or PollKind.Multiple => [.. poll.Options.Select(o =>
                    new PollResultItem(Key(o.Number), o.Text, counts.TryGetValue(Key(o.Number), out var c) ? (int)c.Count : 0))],
                PollKind.Rating => [.. Enumerable.Range(1, poll.ScaleMax ?? 5).Select(n =>
                    new PollResultItem(Key(n), Key(n), counts.TryGetValue(Key(n), out var c) ? (int)c.Count : 0))],
                _ => [.. counts.Values.OrderByDescending(c => c.Count).ThenBy(c => c.Item, StringComparer.Ordinal)
                    .Select(c => new PollResultItem(c.Item, c.Label, (int)c.Count))],
            };
        }

        return new PollResults(poll.Id, (int)respondents, items, hidden, pending);
    }

    /// <summary>The viewer's own answers to the event's polls, each as the kind's fields.</summary>
    internal static async Task<IReadOnlyList<MyPollAnswer>> AnswersByAsync(IDbConnection connection, IDbTransaction? transaction, long eventId, string viewerId)
    {
        var rows = await connection.QueryAsync<(long PollId, string Kind, string Item, string? Display)>(
            """
            SELECT a.poll_id, p.kind, a.item, a.display FROM poll_answers a JOIN polls p ON p.id = a.poll_id
            WHERE a.viewer_id = @viewerId AND p.event_id = @eventId ORDER BY a.poll_id, a.id
            """,
            new { eventId, viewerId }, transaction);
        return [.. rows.GroupBy(r => r.PollId).Select(g => new MyPollAnswer(
            g.Key, PollAnswers.FromItems(PollEnums.Parse<PollKind>(g.First().Kind), [.. g.Select(r => r.Display ?? r.Item)])))];
    }

    /// <summary>Stores a checked draft as a prepared poll at the end of the event's polls.</summary>
    internal static async Task<long> InsertAsync(IDbConnection connection, IDbTransaction transaction, long eventId, PollDraft draft, DateTimeOffset now)
    {
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO polls (event_id, block_number, position, kind, question, max_choices, scale_max, low_label, high_label, results_mode, created_utc, updated_utc)
            VALUES (@eventId, @BlockNumber, (SELECT COALESCE(MAX(position), 0) + 1 FROM polls WHERE event_id = @eventId),
                    @kind, @Question, @MaxChoices, @ScaleMax, @LowLabel, @HighLabel, @mode, @now, @now)
            RETURNING id
            """,
            new
            {
                eventId, draft.BlockNumber, kind = draft.Kind.ToDb(), draft.Question, draft.MaxChoices, draft.ScaleMax,
                draft.LowLabel, draft.HighLabel, mode = draft.ResultsMode.ToDb(), now,
            },
            transaction);
        for (var i = 0; i < draft.Options.Count; i++)
        {
            await connection.ExecuteAsync(
                "INSERT INTO poll_options (poll_id, number, text) VALUES (@id, @number, @text)",
                new { id, number = i + 1, text = draft.Options[i] }, transaction);
        }

        return id;
    }

    public static string Key(int number) => number.ToString(CultureInfo.InvariantCulture);

    private sealed class PollRow
    {
        public long Id { get; init; }
        public long EventId { get; init; }
        public int? BlockNumber { get; init; }
        public int Position { get; init; }
        public string Kind { get; init; } = "";
        public string Question { get; init; } = "";
        public int MaxChoices { get; init; }
        public int? ScaleMax { get; init; }
        public string? LowLabel { get; init; }
        public string? HighLabel { get; init; }
        public string ResultsMode { get; init; } = "";
        public bool Revealed { get; init; }
        public string State { get; init; } = "";
        public DateTimeOffset? OpenedAt { get; init; }
        public DateTimeOffset? ClosesAt { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }
        public long Version { get; init; }

        public Poll ToPoll(IReadOnlyList<PollOption> options) => new(
            Id, EventId, BlockNumber, Position, PollEnums.Parse<PollKind>(Kind), Question, MaxChoices, ScaleMax,
            LowLabel, HighLabel, PollEnums.Parse<PollResultsMode>(ResultsMode), Revealed, PollEnums.Parse<PollState>(State),
            OpenedAt, ClosesAt, ClosedAt, Version, options);
    }
}
