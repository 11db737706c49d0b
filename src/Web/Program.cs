using Backscatter.ServiceDefaults;
using Backscatter.Web.Components;
using Backscatter.Web.Lookup;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddBackscatterDatabase();
builder.AddMessageBus();
builder.AddReflectorLookup();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapDefaultEndpoints();

app.Run();
