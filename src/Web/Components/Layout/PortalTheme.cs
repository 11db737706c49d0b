using MudBlazor;

namespace Backscatter.Web.Components.Layout;

/// <summary>One theme for the whole portal: a dark-blue bar, the system font (no web font to fetch).</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#b4452f",
            AppbarBackground = "#102a43",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
            Success = "#2e7d32",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"] },
        },
    };
}
