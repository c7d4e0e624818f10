using Microsoft.Extensions.Options;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Live;

/// <summary>
/// GetPublicQuestions: the public questions a viewer's snapshot left out, page by page. Checks the
/// cursor and the per-minute limits (the same sliding windows as votes), then reads the page from the
/// shared snapshot, so a page costs no database read while the event does not change.
/// </summary>
public sealed class QuestionPages(SnapshotReader snapshots, RateLimits limits, IOptions<QuestionPageOptions> options)
{
    public async Task<PublicQuestionsPage> ReadAsync(long eventId, long? beforeId, string connectionId, string address)
    {
        if (beforeId is <= 0)
        {
            throw HubError.InvalidArgument("beforeId ist die kleinste Id der bisher geladenen Fragen (größer als 0), oder null für die neuesten.");
        }

        var o = options.Value;
        if (!await limits.TryAcquireAsync(
                ("question-page:connection", connectionId, o.QuestionPagesPerConnectionPerMinute),
                ("question-page:address", address, o.QuestionPagesPerAddressPerMinute)))
        {
            throw HubError.Create("rate-limited", "Sie haben gerade sehr oft weitere Fragen geladen. Bitte warten Sie eine Minute.");
        }

        return await snapshots.PageAsync(eventId, beforeId) ?? throw HubError.EventNotFound();
    }
}
