using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;

namespace LoadBench;

/// <summary>
/// A server under test and how a moderator makes one change that every viewer of an event receives:
/// in OzgLive the approval of a pending question (QuestionsChanged on the public stream), in the
/// baseline a Broadcast of the same shape. A round is keyed by the id of the question it makes public.
/// </summary>
public abstract class Target(ServerProcess server)
{
    /// <summary>The big changes that fill a stalled client's buffers, and the questions in each.</summary>
    public const int FillChanges = 3;

    public const int FillQuestionsPerChange = 200;

    public ServerProcess Server => server;

    public abstract Task<HubConnection> ConnectModeratorAsync(string slug);

    /// <summary>Whatever the next round needs before it is timed; returns its key.</summary>
    public abstract Task<long> PrepareRoundAsync(string slug);

    public abstract Task SendRoundAsync(HubConnection moderator, string slug, long key);

    /// <summary>
    /// Prepares <see cref="FillChanges"/> changes of about 160 KB each for every viewer (200 questions
    /// near the 500-character limit): together more than a stalled client's buffers take (its socket,
    /// Kestrel's and SignalR's pipes). Returns the keys of the changes, in order.
    /// </summary>
    public abstract Task<IReadOnlyList<long>> PrepareFillAsync(string slug);

    /// <summary>Sends the prepared changes one after the other.</summary>
    public abstract Task FillAsync(HubConnection moderator, string slug);

    protected static string QuestionText(long n, int length) =>
        $"Frage {n}: Wo beantragen Kommunen den Voucher für die Digitalisierungsberatung, und wie lange dauert es bis zum ersten Termin? ".PadRight(length, 'x');
}

/// <summary>
/// OzgLive: an identified viewer asks each round's question just before the round (a pending question
/// reaches only the moderators), then the moderator approves it. So the events stay as empty as a
/// fresh broadcast until the rounds fill them.
/// </summary>
public sealed partial class OzgLiveTarget(ServerProcess server, IReadOnlyDictionary<string, long> eventIds) : Target(server)
{
    private readonly ConcurrentQueue<long[]> fills = new();
    private CookieContainer? cookies;
    private HubConnection? asker;
    private long asked;

    public override async Task<HubConnection> ConnectModeratorAsync(string slug)
    {
        // The sign-in cookie stays valid across a restart: its keys are kept beside the database.
        cookies ??= await SignInAsync(Server.BaseUri);
        var moderator = await Connect(Server.BaseUri, cookies);
        await moderator.InvokeAsync<SnapshotHead>("JoinEvent", slug);
        return moderator;
    }

    public override async Task<long> PrepareRoundAsync(string slug) => await AskAsync(eventIds[slug], 120);

    public override Task SendRoundAsync(HubConnection moderator, string slug, long key) =>
        moderator.InvokeAsync<JsonElement>("ApproveQuestion", eventIds[slug], key, 1L);

    public override async Task<IReadOnlyList<long>> PrepareFillAsync(string slug)
    {
        var keys = new List<long>();
        for (var change = 0; change < FillChanges; change++)
        {
            var ids = new long[FillQuestionsPerChange];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = await AskAsync(eventIds[slug], 480);
            }

            fills.Enqueue(ids);
            keys.Add(ids[0]);
        }

        return keys;
    }

    public override async Task FillAsync(HubConnection moderator, string slug)
    {
        while (fills.TryDequeue(out var ids))
        {
            await moderator.InvokeAsync<JsonElement>("BulkApprove", eventIds[slug], ids.Select(id => new { questionId = id, version = 1L }).ToArray());
        }
    }

    private async Task<long> AskAsync(long eventId, int length)
    {
        if (asker is not { State: HubConnectionState.Connected })
        {
            // Again after a restart: the old connection died with the server.
            if (asker is not null)
            {
                await asker.DisposeAsync();
            }

            asker = await Connect(Server.BaseUri, cookies: null);
            await asker.InvokeAsync<JsonElement>("IdentifyViewer", (string?)null);
        }

        var n = Interlocked.Increment(ref asked);
        var question = await asker.InvokeAsync<QuestionHead>("AskQuestion", eventId,
            new { clientId = $"round-{n}", text = QuestionText(n, length), displayName = $"Person {n}", organisation = (string?)null, blockNumber = (int?)null });
        return question.Id;
    }

    private static async Task<HubConnection> Connect(Uri baseUri, CookieContainer? cookies)
    {
        var connection = new Viewer(baseUri, rounds: null, cookies).Connection;
        await connection.StartAsync();
        return connection;
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

/// <summary>The baseline: nothing to prepare; Broadcast sends questions with the fields of OzgLive's PublicQuestion.</summary>
public sealed class BaselineTarget(ServerProcess server) : Target(server)
{
    private long nextKey;
    private IReadOnlyList<long> fillKeys = [];

    public override async Task<HubConnection> ConnectModeratorAsync(string slug)
    {
        var moderator = new Viewer(Server.BaseUri, rounds: null).Connection;
        await moderator.StartAsync();
        return moderator;
    }

    public override Task<long> PrepareRoundAsync(string slug) => Task.FromResult(Interlocked.Increment(ref nextKey));

    public override Task SendRoundAsync(HubConnection moderator, string slug, long key) =>
        moderator.InvokeAsync("Broadcast", slug, new[] { Question(key, 120) });

    public override Task<IReadOnlyList<long>> PrepareFillAsync(string slug)
    {
        var keys = new List<long>();
        for (var change = 0; change < FillChanges; change++)
        {
            keys.Add(Interlocked.Add(ref nextKey, FillQuestionsPerChange) - FillQuestionsPerChange + 1);
        }

        fillKeys = keys;
        return Task.FromResult<IReadOnlyList<long>>(keys);
    }

    public override async Task FillAsync(HubConnection moderator, string slug)
    {
        foreach (var first in fillKeys)
        {
            await moderator.InvokeAsync("Broadcast", slug, Enumerable.Range(0, FillQuestionsPerChange).Select(i => Question(first + i, 480)).ToArray());
        }
    }

    private static object Question(long id, int length) => new
    {
        id,
        blockNumber = 1,
        text = QuestionText(id, length),
        displayName = $"Person {id}",
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
