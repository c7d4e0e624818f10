namespace OzgLive.Web.Polls;

/// <summary>
/// Marker for <c>IStringLocalizer&lt;PollTexts&gt;</c>: every visible string of the poll results
/// (<see cref="PollResultsView"/>, the replay's and exports' "Umfragen") in PollTexts.resx (German)
/// and PollTexts.en.resx.
/// </summary>
public sealed class PollTexts
{
}
