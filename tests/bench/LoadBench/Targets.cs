using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;

namespace LoadBench;

/// <summary>
/// A server under test and how a moderator makes one change that every viewer receives: in OzgLive
/// an approval (QuestionsChanged on the public stream), in the baseline a Broadcast of the same shape.
/// </summary>
public abstract class Target(ServerProcess server)
{
    public ServerProcess Server => server;

    public abstract string LiveSlug { get; }

    public abstract Task<HubConnection> ConnectModeratorAsync();

    /// <summary>The key of the next round: the id of the question it makes public.</summary>
    public abstract long NextRoundKey();

    public abstract Task SendRoundAsync(HubConnection moderator, long key);

    /// <summary>
    /// Three changes of about 160 KB each for every viewer, one after the other: more than a stalled
    /// client's buffers take (its socket, Kestrel's and SignalR's pipes). Returns the first one's key.
    /// </summary>
    public abstract long FirstFillKey { get; }

    public abstract Task FillAsync(HubConnection moderator);

    public const int FillChanges = 3;

    public const int FillQuestionsPerChange = 200;

    protected static async Task<HubConnection> StartAsync(Uri baseUri, CookieContainer? cookies)
    {
        var viewer = new Viewer(baseUri, rounds: null, cookies);
        await viewer.Connection.StartAsync();
        return viewer.Connection;
    }
}

public sealed partial class OzgLiveTarget(ServerProcess server, OzgLiveEvents events) : Target(server)
{
    private readonly ConcurrentQueue<long> roundQuestions = new(events.RoundQuestionIds);
    private CookieContainer? cookies;

    public override string LiveSlug => OzgLiveSetup.LiveSlug;

    public OzgLiveEvents Events => events;

    public override async Task<HubConnection> ConnectModeratorAsync()
    {
        // The sign-in cookie stays valid across a restart: its keys are kept beside the database.
        cookies ??= await SignInAsync(Server.BaseUri);
        var moderator = await StartAsync(Server.BaseUri, cookies);
        await moderator.InvokeAsync<SnapshotHead>("JoinEvent", LiveSlug);
        return moderator;
    }

    public override long NextRoundKey() =>
        roundQuestions.TryDequeue(out var id) ? id : throw new InvalidOperationException("No pending question left for another round");

    public override Task SendRoundAsync(HubConnection moderator, long key) =>
        moderator.InvokeAsync<object>("ApproveQuestion", events.LiveEventId, key, 1L);

    public override long FirstFillKey => events.FillerQuestionIds[0];

    public override async Task FillAsync(HubConnection moderator)
    {
        foreach (var batch in events.FillerQuestionIds.Chunk(FillQuestionsPerChange))
        {
            await moderator.InvokeAsync<object>("BulkApprove", events.LiveEventId, batch.Select(id => new { questionId = id, version = 1L }).ToArray());
        }
    }

    /// <summary>Signs in through the /login form as a browser does (tests/OzgLive.Tests TestApp.SignInAsync).</summary>
    private static async Task<CookieContainer> SignInAsync(Uri baseUri)
    {
        var container = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = container, AllowAutoRedirect = false }) { BaseAddress = baseUri };
        var page = await http.GetStringAsync("/login");
        var token = AntiforgeryToken().Match(page);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = OzgLiveSetup.OrganiserEmail,
            ["Input.Password"] = OzgLiveSetup.OrganiserPassword,
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token.Success ? token.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on /login"),
        });
        using var response = await http.PostAsync("/login", form);
        return response.StatusCode == HttpStatusCode.Redirect
            ? container
            : throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class BaselineTarget(ServerProcess server) : Target(server)
{
    private const long FillKeys = 1_000_000;
    private long nextKey = 2_000_000;

    public override string LiveSlug => OzgLiveSetup.LiveSlug;

    public override Task<HubConnection> ConnectModeratorAsync() => StartAsync(Server.BaseUri, cookies: null);

    public override long NextRoundKey() => Interlocked.Increment(ref nextKey);

    public override Task SendRoundAsync(HubConnection moderator, long key) =>
        moderator.InvokeAsync("Broadcast", LiveSlug, new[] { Question(key, 120) });

    public override long FirstFillKey => FillKeys;

    public override async Task FillAsync(HubConnection moderator)
    {
        for (var change = 0; change < FillChanges; change++)
        {
            var first = FillKeys + (change * FillQuestionsPerChange);
            await moderator.InvokeAsync("Broadcast", LiveSlug, Enumerable.Range(0, FillQuestionsPerChange).Select(i => Question(first + i, 480)).ToArray());
        }
    }

    /// <summary>The fields of OzgLive's PublicQuestion, with a text as long as the one OzgLive sends.</summary>
    private static object Question(long id, int length) => new
    {
        id,
        blockNumber = 1,
        text = "Frage: Wo beantragen Kommunen den Voucher für die Digitalisierungsberatung? ".PadRight(length, 'x'),
        displayName = "Person",
        organisation = (string?)null,
        status = "approved",
        votes = 0,
        pinned = false,
        moderatorOrder = (int?)null,
        answerText = (string?)null,
        createdAt = DateTimeOffset.UtcNow,
        stagedAt = (DateTimeOffset?)null,
        answeredAt = (DateTimeOffset?)null,
    };
}
