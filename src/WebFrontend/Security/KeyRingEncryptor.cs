using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace PacificEdge.WebFrontend.Security;

/// <summary>Seals each new Data Protection key before it is stored in PostgreSQL (see <see cref="KeyRingCipher"/>).</summary>
public sealed class KeyRingEncryptor(KeyRingCipher cipher) : IXmlEncryptor
{
    public const string ElementName = "pacificEdgeSealedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var element = new XElement(ElementName,
            new XComment(" Sealed with AES-256-GCM under Frontend:KeyRingSecret. "),
            new XElement("value", cipher.Encrypt(plaintextElement.ToString(SaveOptions.DisableFormatting))));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }
}
