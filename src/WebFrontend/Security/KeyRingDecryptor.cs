using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace PacificEdge.WebFrontend.Security;

/// <summary>Opens keys sealed by <see cref="KeyRingEncryptor"/>; Data Protection creates it by type name from the stored XML.</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var value = encryptedElement.Element("value")?.Value ?? throw new FormatException("The sealed key has no value.");
        return XElement.Parse(services.GetRequiredService<KeyRingCipher>().Decrypt(value));
    }
}
