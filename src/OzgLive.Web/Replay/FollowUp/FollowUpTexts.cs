namespace OzgLive.Web.Replay.FollowUp;

/// <summary>
/// Marker for <c>IStringLocalizer&lt;FollowUpTexts&gt;</c>: the asker's private link page (/fragen/{key})
/// and the moderators' follow-up page (/events/{slug}/nachbereitung), in FollowUpTexts.resx (German)
/// and FollowUpTexts.en.resx.
/// </summary>
public sealed class FollowUpTexts
{
}
