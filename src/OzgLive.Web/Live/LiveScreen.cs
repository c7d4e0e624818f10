using Microsoft.AspNetCore.Components;

namespace OzgLive.Web.Live;

/// <summary>
/// An interactive staff screen that follows one event: it reads its state on initialisation, and
/// again after every change of the event (<see cref="EventFeed"/>, subscribed after the first render,
/// so a prerendered instance never stays subscribed). With <see cref="Ticks"/> it also renders every
/// second, for countdowns; the timer runs on the registered <see cref="TimeProvider"/>, so tests
/// advance a fake clock instead of waiting.
/// </summary>
public abstract class LiveScreen<TState> : ComponentBase, IDisposable
    where TState : class
{
    private FeedSubscription? subscription;
    private ITimer? tick;
    private bool disposed;

    [Inject] private EventFeed Feed { get; set; } = null!;

    [Inject] protected TimeProvider Time { get; set; } = null!;

    /// <summary>What the screen shows; null when the caller may no longer see it (or the event is gone).</summary>
    protected TState? State { get; private set; }

    protected abstract long FollowedEventId { get; }

    /// <summary>Renders every second (a countdown is on screen).</summary>
    protected virtual bool Ticks => true;

    /// <summary>Reads the state afresh, checking the caller's access first; null: no access (any more).</summary>
    protected abstract Task<TState?> ReadAsync();

    /// <summary>Reads again soon (coalesced with the changes arriving), e.g. after a refused action.</summary>
    protected void ReadAgain() => subscription?.Changed();

    protected override async Task OnInitializedAsync() => State = await ReadAsync();

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && !disposed)
        {
            subscription = Feed.Subscribe(FollowedEventId, RefreshAsync);
            if (Ticks)
            {
                tick = Time.CreateTimer(_ => _ = InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            }

            // What changed between the prerender (or the first read) and the subscription.
            subscription.Changed();
        }

        return Task.CompletedTask;
    }

    private async Task RefreshAsync()
    {
        try
        {
            var read = await ReadAsync();
            await InvokeAsync(() =>
            {
                if (!disposed)
                {
                    State = read;
                    StateHasChanged();
                }
            });
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        disposed = true;
        subscription?.Dispose();
        tick?.Dispose();
        GC.SuppressFinalize(this);
    }
}
