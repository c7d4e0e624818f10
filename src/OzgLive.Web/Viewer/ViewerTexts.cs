namespace OzgLive.Web.Viewer;

/// <summary>
/// Marker for <c>IStringLocalizer&lt;ViewerTexts&gt;</c>: every visible string of the public event page
/// and the embed, in ViewerTexts.resx (German) and ViewerTexts.en.resx. The script gets its strings
/// from the same files (see <see cref="ViewerScriptTexts"/>).
/// </summary>
public sealed class ViewerTexts
{
}
