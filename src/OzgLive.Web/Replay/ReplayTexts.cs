namespace OzgLive.Web.Replay;

/// <summary>
/// Marker for <c>IStringLocalizer&lt;ReplayTexts&gt;</c>: every visible string of the replay page
/// (/events/{slug}/replay) in ReplayTexts.resx (German) and ReplayTexts.en.resx. wwwroot/js/replay.js
/// gets the "Js_" ones as JSON from the same files.
/// </summary>
public sealed class ReplayTexts
{
}
