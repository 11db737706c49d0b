using QRCoder;

namespace Backscatter.Web.Accounts;

/// <summary>The otpauth:// URI of a TOTP key as a QR code, inline (a data: URI), so that the key never leaves the page.</summary>
public static class AuthenticatorQrCode
{
    public static string PngDataUri(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.Q);
        using var png = new PngByteQRCode(data);
        return "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(5));
    }
}
