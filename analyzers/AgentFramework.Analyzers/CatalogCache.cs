using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using AgentFramework.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AgentFramework.Analyzers
{
    /// <summary>
    /// Parses the embedded catalog once per process and each distinct override text once, however
    /// many compilations (IDE keystrokes) and symbols ask for it.
    /// </summary>
    internal static class CatalogCache
    {
        /// <summary>File name of the user's catalog override (an AdditionalFile).</summary>
        public const string OverrideFileName = "agentframework.models.json";

        private const int MaxCachedOverrides = 8;
        private static readonly Regex Position = new Regex(@"line (\d+), column (\d+)", RegexOptions.CultureInvariant);
        private static readonly Lazy<string> EmbeddedJson = new Lazy<string>(ReadEmbeddedJson);
        private static readonly Lazy<CatalogSnapshot> Embedded = new Lazy<CatalogSnapshot>(() => new CatalogSnapshot(ModelCatalog.Parse(EmbeddedJson.Value), null, 0, 0));
        private static readonly object Gate = new object();
        private static readonly LinkedList<KeyValuePair<string, CatalogSnapshot>> Recent = new LinkedList<KeyValuePair<string, CatalogSnapshot>>();

        public static bool IsOverrideFile(string? path) =>
            path != null && string.Equals(Path.GetFileName(path), OverrideFileName, StringComparison.OrdinalIgnoreCase);

        /// <summary>The embedded catalog merged with <paramref name="overrideJson"/> (or the embedded catalog alone).</summary>
        public static CatalogSnapshot Get(string? overrideJson)
        {
            if (string.IsNullOrWhiteSpace(overrideJson))
            {
                return Embedded.Value;
            }

            lock (Gate)
            {
                for (var node = Recent.First; node != null; node = node.Next)
                {
                    if (string.Equals(node.Value.Key, overrideJson, StringComparison.Ordinal))
                    {
                        Recent.Remove(node);
                        Recent.AddFirst(node);
                        return node.Value.Value;
                    }
                }
            }

            var snapshot = Build(overrideJson!);
            lock (Gate)
            {
                Recent.AddFirst(new KeyValuePair<string, CatalogSnapshot>(overrideJson!, snapshot));
                while (Recent.Count > MaxCachedOverrides)
                {
                    Recent.RemoveLast();
                }
            }

            return snapshot;
        }

        /// <summary>The snapshot for a compilation: the first AdditionalFile named <see cref="OverrideFileName"/>.</summary>
        public static CatalogSnapshot For(IEnumerable<AdditionalText> additionalFiles, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var file in additionalFiles)
            {
                if (IsOverrideFile(file.Path))
                {
                    return Get(file.GetText(cancellationToken)?.ToString());
                }
            }

            return Embedded.Value;
        }

        /// <summary>Where in <paramref name="text"/> the error of <paramref name="snapshot"/> points.</summary>
        public static TextSpan ErrorSpan(CatalogSnapshot snapshot, SourceText text)
        {
            if (snapshot.ErrorLine <= 0 || snapshot.ErrorLine > text.Lines.Count)
            {
                return new TextSpan(0, 0);
            }

            var line = text.Lines[snapshot.ErrorLine - 1];
            var position = Math.Min(line.Start + Math.Max(0, snapshot.ErrorColumn - 1), line.End);
            return new TextSpan(position, position < line.End ? 1 : 0);
        }

        private static CatalogSnapshot Build(string overrideJson)
        {
            try
            {
                return new CatalogSnapshot(ModelCatalog.Parse(EmbeddedJson.Value, overrideJson), null, 0, 0);
            }
            catch (Exception ex)
            {
                // A malformed override is reported (AGF0007) and ignored; the embedded catalog still applies.
                var match = Position.Match(ex.Message);
                var line = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
                var column = match.Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
                return new CatalogSnapshot(Embedded.Value.Catalog, ex.Message, line, column);
            }
        }

        private static string ReadEmbeddedJson()
        {
            var assembly = typeof(ModelCatalog).Assembly;
            using (var stream = assembly.GetManifestResourceStream(ModelCatalog.EmbeddedResourceName))
            {
                if (stream == null)
                {
                    throw new InvalidOperationException("The embedded model catalog is missing from the analyzer assembly.");
                }

                using (var reader = new StreamReader(stream))
                {
                    return reader.ReadToEnd();
                }
            }
        }
    }
}
