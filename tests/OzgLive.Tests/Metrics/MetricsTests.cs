using System.Net;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;

namespace OzgLive.Tests.Metrics;

/// <summary>
/// Alone, after every other test: OpenTelemetry's listener takes every "OzgLive" meter in the process
/// (it does not tell one app's IMeterFactory from another's), so the apps of tests running beside it
/// would add their questions and connections to the exact counts asserted here. A production process
/// runs one app.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics";
}

/// <summary>
/// /metrics for operators: off unless configured, then served in Prometheus' text format on a port
/// of its own, to allowed addresses only, with OzgLive's instruments next to ASP.NET Core's.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests
{
    [Fact]
    public async Task Without_configuration_metrics_is_the_ordinary_not_found_page()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        using var http = app.CreateClient();

        var metrics = await http.GetAsync("/metrics");
        var unknown = await http.GetAsync("/gibt-es-nicht");

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await metrics.Content.ReadAsStringAsync());
        Assert.Contains("text/html", metrics.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hub_flow_shows_up_in_the_scrape_as_questions_votes_refusals_connections_and_durations()
    {
        var port = TestMetrics.FreePort();
        await using var fixture = await QuestionFixture.StartAsync(new Dictionary<string, string?>(QuestionFixture.GenerousLimits)
        {
            ["Questions:QuestionsPerViewerPerMinute"] = "2",
            ["Metrics:Enabled"] = "true",
            ["Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var presenter = await fixture.PresenterAsync(ev);
        await using (var leaving = await fixture.ViewerAsync(ev, "leaving viewer"))
        {
            await leaving.InvokeAsync("LeaveEvent", ev.Id);
        }

        var first = await viewer.AskAsync(ev.Id, "Wie beantrage ich den Voucher für meine Kommune?");
        var second = await viewer.AskAsync(ev.Id, "Gibt es die Folien zum Herunterladen?");
        Assert.Equal("rate-limited", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ev.Id, "Noch eine dritte Frage in derselben Minute?")));
        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, first.Id());
        await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, second.Id(), "offTopic");
        await viewer.InvokeAsync("Vote", ev.Id, first.Id(), true);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var scrape = await response.Content.ReadAsStringAsync();

        Assert.Equal(2, TestMetrics.Sample(scrape, "ozglive_questions_asked_total", ("status", "pending")));
        Assert.Equal(1, TestMetrics.Sample(scrape, "ozglive_questions_approved_total"));
        Assert.Equal(1, TestMetrics.Sample(scrape, "ozglive_questions_rejected_total"));
        Assert.Equal(1, TestMetrics.Sample(scrape, "ozglive_votes_total", ("direction", "up")));
        Assert.Equal(1, TestMetrics.Sample(scrape, "ozglive_rate_limit_refusals_total", ("kind", "question:viewer")));

        // The viewer that left no longer counts; the one that is still there does.
        Assert.Equal(1, TestMetrics.Sample(scrape, "ozglive_hub_connections", ("role", "viewer")));
        Assert.Equal(1, TestMetrics.Sample(scrape, "ozglive_hub_connections", ("role", "moderator")));
        Assert.Equal(1, TestMetrics.Sample(scrape, "ozglive_hub_connections", ("role", "presenter")));

        Assert.Equal(3, TestMetrics.Sample(scrape, "ozglive_hub_call_duration_seconds_count", ("method", "AskQuestion")));
        Assert.Equal(1, TestMetrics.Sample(scrape, "ozglive_hub_call_duration_seconds_count", ("method", "ApproveQuestion")));
        Assert.Equal(3, TestMetrics.Sample(scrape, "ozglive_hub_call_duration_seconds_bucket", ("method", "AskQuestion"), ("le", "+Inf")));
        // Two asks, the refused one (rolled back), approve, reject and the vote each held a write transaction.
        Assert.True(TestMetrics.Sample(scrape, "ozglive_db_write_duration_seconds_count") >= 6, scrape);
        Assert.True(TestMetrics.Sample(scrape, "ozglive_broadcast_duration_seconds_count") >= 5, scrape);

        // ASP.NET Core's, Kestrel's and SignalR's own meters are exported too.
        Assert.NotNull(TestMetrics.Sample(scrape, "http_server_request_duration_seconds_count", ("http_request_method", "GET"), ("http_route", "/login"), ("http_response_status_code", "200")));
        Assert.Contains("kestrel_active_connections", scrape, StringComparison.Ordinal);
        Assert.Contains("signalr_server_active_connections", scrape, StringComparison.Ordinal);

        // Nothing personal: neither the questions nor the viewer's id appear.
        Assert.DoesNotContain("Voucher", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain(viewer.ViewerId!, scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enabled_metrics_are_served_on_their_own_port_only_whatever_the_host_header_says()
    {
        var port = TestMetrics.FreePort();
        await using var app = await TestApp.StartAsync(seedDemo: false, extra: Enabled(port));
        using var http = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics")).StatusCode);
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{port}";
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(spoofed)).StatusCode);

        using var scraper = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync($"http://127.0.0.1:{port}/metrics")).StatusCode);
    }

    [Fact]
    public async Task A_connection_from_an_address_not_allowed_is_closed_before_it_gets_an_answer()
    {
        var port = TestMetrics.FreePort();
        var settings = Enabled(port);
        settings["Metrics:AllowedAddresses:0"] = "192.0.2.0/24";
        await using var app = await TestApp.StartAsync(seedDemo: false, extra: settings);

        using var scraper = new HttpClient();
        // Not even a forwarded address from the allowed network helps: the socket's own address counts.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/metrics");
        request.Headers.Add("X-Forwarded-For", "192.0.2.10");
        await Assert.ThrowsAsync<HttpRequestException>(() => scraper.SendAsync(request));

        // The app itself is unaffected.
        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }

    private static Dictionary<string, string?> Enabled(int port) => new()
    {
        ["Metrics:Enabled"] = "true",
        ["Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
