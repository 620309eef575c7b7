using System.IO.Hashing;
using System.Text;

namespace AgentFramework.Caching.Scoping;

/// <summary>Stable, fast, non-cryptographic content hashes (XxHash128, hex) for scope fields and keys.</summary>
internal static class TextHash
{
    public static string Of(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Convert.ToHexStringLower(XxHash128.Hash(bytes));
    }

    public static string Of(StringBuilder text) => Of(text.ToString());
}
