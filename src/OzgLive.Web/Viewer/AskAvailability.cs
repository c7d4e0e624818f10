using OzgLive.Web.Clock;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Viewer;

/// <summary>Whether the ask form takes questions now, and if not, why (each reason has its own text).</summary>
public enum AskAvailability
{
    Open,
    Paused,
    Closed,
    BlockClosed,
    Ended,
}

public static class AskAvailabilities
{
    /// <summary>The server's rules for AskQuestion (QuestionService), as far as a page can know them; the script repeats them.</summary>
    public static AskAvailability Of(EventView ev, ClockView clock, QuestionSettings settings)
    {
        if (ev.Status is "ended" or "published" || clock.Phase == ClockPhase.Ended)
        {
            return AskAvailability.Ended;
        }

        if (ev.Status is not ("scheduled" or "live"))
        {
            return AskAvailability.Closed;
        }

        switch (settings.QuestionsState)
        {
            case QuestionsState.Paused:
                return AskAvailability.Paused;
            case QuestionsState.Closed:
                return AskAvailability.Closed;
        }

        // A question without a block goes to the running block; that block may be closed on its own.
        if (clock.Phase == ClockPhase.Block && clock.CurrentBlock is int n
            && settings.Blocks.FirstOrDefault(b => b.Number == n) is { } block
            && block.QuestionsState != QuestionsState.Open)
        {
            return AskAvailability.BlockClosed;
        }

        return AskAvailability.Open;
    }

    /// <summary>The resource key of the message shown instead of an open form; null when open.</summary>
    public static string? MessageKey(this AskAvailability availability) => availability switch
    {
        AskAvailability.Paused => "Ask_Paused",
        AskAvailability.Closed => "Ask_Closed",
        AskAvailability.BlockClosed => "Ask_BlockClosed",
        AskAvailability.Ended => "Ask_Ended",
        _ => null,
    };
}
