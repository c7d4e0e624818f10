using QRCoder;

namespace OzgLive.Web.Channels;

/// <summary>The join link as a QR code in SVG, made on the server (QRCoder), so no page needs a script for it.</summary>
public static class JoinQr
{
    /// <summary>
    /// Error correction level M (15 %): a slide photographed at an angle or a small corner of a stream
    /// still reads, and the code stays coarse enough for a phone across a room.
    /// </summary>
    public static QRCodeData Encode(string url)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
    }

    /// <summary>Black modules on white with the quiet zone, scalable (viewBox, no fixed size).</summary>
    public static string Svg(string url)
    {
        using var data = Encode(url);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(new System.Drawing.Size(1, 1), "#000000", "#ffffff", drawQuietZones: true,
            sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
