namespace OzgLive.Web.Moderation;

/// <summary>
/// Marker for <c>IStringLocalizer&lt;ModerationTexts&gt;</c>: every visible text of the moderator
/// console is in ModerationTexts.resx (German) and ModerationTexts.en.resx (English). The console's
/// script gets the same texts from the page (see <see cref="ModerationScriptTexts"/>).
/// </summary>
public sealed class ModerationTexts
{
}
