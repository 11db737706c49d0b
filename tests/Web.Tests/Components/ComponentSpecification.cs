using Bunit;

using MudBlazor.Services;

namespace Backscatter.Web.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor's services, disposed asynchronously (MudBlazor's services only
/// support DisposeAsync, which xUnit 2 calls through IAsyncLifetime).
/// </summary>
public abstract class ComponentSpecification : IAsyncLifetime
{
    protected ComponentSpecification()
    {
        Context.Services.AddMudServices();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    protected BunitContext Context { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Context.DisposeAsync();
}
