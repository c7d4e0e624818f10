namespace OzgLive.Web.Components;

public static class PagesExtensions
{
    public static IHostApplicationBuilder AddPages(this IHostApplicationBuilder builder)
    {
        // Server-rendered pages only: no per-visitor circuit, so the number of viewers is what scales.
        builder.Services.AddRazorComponents();
        return builder;
    }

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        app.MapRazorComponents<App>();
        return app;
    }
}
