using Dapper;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Polls;

public static class PollsExtensions
{
    public static IHostApplicationBuilder AddPolls(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PollStore>();
        builder.Services.AddSingleton<PollAnswerWriter>();
        builder.Services.AddSingleton<PollResultsBroadcaster>();
        builder.Services.AddSingleton<PollService>();
        builder.Services.AddHostedService<PollDeadlines>();
        return builder;
    }
}

/// <summary>
/// After a start or restart, schedules the close of every open poll with a time limit: the timers of
/// the process before are gone, and a poll must not stay open past its countdown.
/// </summary>
public sealed class PollDeadlines(Database database, PollService polls) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var open = await connection.QueryAsync<(long EventId, long Id, string ClosesAt)>(
            "SELECT event_id, id, closes_utc FROM polls WHERE state = 'open' AND closes_utc IS NOT NULL");
        foreach (var (eventId, id, closesAt) in open)
        {
            polls.ScheduleClose(eventId, id, UtcTimeHandler.FromText(closesAt));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
