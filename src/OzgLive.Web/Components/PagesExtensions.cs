using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace OzgLive.Web.Components;

public static class PagesExtensions
{
    public static IHostApplicationBuilder AddPages(this IHostApplicationBuilder builder)
    {
        // Server-rendered pages only: no per-visitor circuit, so the number of viewers is what scales.
        builder.Services.AddRazorComponents();
        // Write umlauts as they are instead of as &#xFC; entities: the pages are German.
        builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        // WithStaticAssets: @Assets["css/site.css"] in the pages gives the fingerprinted URL.
        app.MapRazorComponents<App>().WithStaticAssets();
        return app;
    }
}
