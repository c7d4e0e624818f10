using System.Diagnostics.Metrics;
using OzgLive.Web.Live;

namespace OzgLive.Web.Metrics;

/// <summary>
/// OzgLive's own instruments, on the meter <see cref="MeterName"/>. Each is recorded at the one
/// place its event happens (see the callers). Names follow OpenTelemetry's conventions; the
/// Prometheus exporter turns <c>ozglive.questions.asked</c> into <c>ozglive_questions_asked_total</c>
/// and a histogram in seconds into <c>…_seconds_bucket/_sum/_count</c>. Tags carry only bounded
/// values (roles, hub method names, kinds), never a viewer, an address or question text.
/// </summary>
public sealed class OzgLiveMetrics
{
    public const string MeterName = "OzgLive";

    // From a millisecond to ten seconds, as ASP.NET Core's own request durations: the SDK's default
    // boundaries (0 … 10 000) are meant for milliseconds and would put every call in the first bucket.
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    };

    private readonly UpDownCounter<long> connections;
    private readonly Counter<long> questionsAsked;
    private readonly Counter<long> questionsApproved;
    private readonly Counter<long> questionsRejected;
    private readonly Counter<long> votes;
    private readonly Counter<long> rateLimitRefusals;
    private readonly Histogram<double> hubCallDuration;
    private readonly Histogram<double> writeDuration;
    private readonly Histogram<double> broadcastDuration;

    public OzgLiveMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        connections = meter.CreateUpDownCounter<long>(
            "ozglive.hub.connections", "{connection}", "Live hub connections joined to an event, by role (a connection in two events counts twice).");
        questionsAsked = meter.CreateCounter<long>(
            "ozglive.questions.asked", "{question}", "Questions viewers asked (stored; a retried submission counts once), by the status they got.");
        questionsApproved = meter.CreateCounter<long>(
            "ozglive.questions.approved", "{question}", "Questions moderators approved (one by one or in bulk).");
        questionsRejected = meter.CreateCounter<long>(
            "ozglive.questions.rejected", "{question}", "Questions moderators rejected.");
        votes = meter.CreateCounter<long>(
            "ozglive.votes", "{vote}", "Vote calls accepted: a vote given (up) or taken back (withdrawn).");
        rateLimitRefusals = meter.CreateCounter<long>(
            "ozglive.rate_limit.refusals", "{refusal}", "Calls refused by a rate limit, by the limit that was reached.");
        hubCallDuration = meter.CreateHistogram(
            "ozglive.hub.call.duration", "s", "Duration of live hub method calls, role check included, by method.", advice: Seconds);
        writeDuration = meter.CreateHistogram(
            "ozglive.db.write.duration", "s", "How long an event change held its SQLite write transaction (committed or rolled back).", advice: Seconds);
        broadcastDuration = meter.CreateHistogram(
            "ozglive.broadcast.duration", "s", "How long handing a committed change's messages to every client of the event took.", advice: Seconds);
    }

    public void ConnectionJoined(EventRole role) => connections.Add(1, RoleTag(role));

    public void ConnectionLeft(EventRole role) => connections.Add(-1, RoleTag(role));

    /// <param name="approved">True when auto-approve published it at once.</param>
    public void QuestionAsked(bool approved) =>
        questionsAsked.Add(1, new KeyValuePair<string, object?>("status", approved ? "approved" : "pending"));

    public void QuestionsApproved(int count) => questionsApproved.Add(count);

    public void QuestionRejected() => questionsRejected.Add(1);

    public void Voted(bool up) => votes.Add(1, new KeyValuePair<string, object?>("direction", up ? "up" : "withdrawn"));

    /// <param name="kind">The limit reached, e.g. "question:viewer" or "vote:address".</param>
    public void RateLimitRefused(string kind) => rateLimitRefusals.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void HubCallEnded(string method, TimeSpan elapsed) =>
        hubCallDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("method", method));

    public void WriteEnded(TimeSpan elapsed) => writeDuration.Record(elapsed.TotalSeconds);

    public void BroadcastEnded(TimeSpan elapsed) => broadcastDuration.Record(elapsed.TotalSeconds);

    private static KeyValuePair<string, object?> RoleTag(EventRole role) => new("role", role switch
    {
        EventRole.Viewer => "viewer",
        EventRole.Presenter => "presenter",
        EventRole.Moderator => "moderator",
        EventRole.Organiser => "organiser",
        _ => "other",
    });
}
