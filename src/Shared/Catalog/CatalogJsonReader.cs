using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AgentFramework.Catalog;

/// <summary>
/// A small, strict JSON reader producing dictionaries, lists, strings, doubles, booleans and nulls.
/// It exists because the analyzer must not depend on System.Text.Json; the runtime uses the same
/// reader so both parse the catalog identically.
/// </summary>
internal static class CatalogJsonReader
{
    /// <summary>Parses <paramref name="json"/>; throws <see cref="FormatException"/> with a position on bad input.</summary>
    public static object? Parse(string json)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        var reader = new Reader(json);
        reader.SkipWhitespace();
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (!reader.AtEnd)
        {
            throw reader.Error("unexpected text after the JSON value");
        }

        return value;
    }

    private sealed class Reader
    {
        private const int MaxDepth = 64;
        private readonly string _s;
        private int _i;

        public Reader(string s) => _s = s;

        public bool AtEnd => _i >= _s.Length;

        public FormatException Error(string what)
        {
            int line = 1, col = 1;
            for (var k = 0; k < _i && k < _s.Length; k++)
            {
                if (_s[k] == '\n')
                {
                    line++;
                    col = 1;
                }
                else
                {
                    col++;
                }
            }

            return new FormatException(string.Format(CultureInfo.InvariantCulture, "Invalid catalog JSON at line {0}, column {1}: {2}.", line, col, what));
        }

        public void SkipWhitespace()
        {
            while (_i < _s.Length && (_s[_i] == ' ' || _s[_i] == '\t' || _s[_i] == '\r' || _s[_i] == '\n' || _s[_i] == '\uFEFF'))
            {
                _i++;
            }
        }

        public object? ReadValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error("nesting is too deep");
            }

            if (AtEnd)
            {
                throw Error("unexpected end of input");
            }

            var c = _s[_i];
            switch (c)
            {
                case '{': return ReadObject(depth);
                case '[': return ReadArray(depth);
                case '"': return ReadString();
                case 't': Expect("true"); return true;
                case 'f': Expect("false"); return false;
                case 'n': Expect("null"); return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ReadNumber();
                    }

                    throw Error("unexpected character '" + c + "'");
            }
        }

        private void Expect(string word)
        {
            if (string.CompareOrdinal(_s, _i, word, 0, word.Length) != 0)
            {
                throw Error("expected '" + word + "'");
            }

            _i += word.Length;
        }

        private Dictionary<string, object?> ReadObject(int depth)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            _i++;
            SkipWhitespace();
            if (!AtEnd && _s[_i] == '}')
            {
                _i++;
                return result;
            }

            while (true)
            {
                SkipWhitespace();
                if (AtEnd || _s[_i] != '"')
                {
                    throw Error("expected a property name");
                }

                var key = ReadString();
                SkipWhitespace();
                if (AtEnd || _s[_i] != ':')
                {
                    throw Error("expected ':'");
                }

                _i++;
                SkipWhitespace();
                result[key] = ReadValue(depth + 1);
                SkipWhitespace();
                if (AtEnd)
                {
                    throw Error("unterminated object");
                }

                if (_s[_i] == ',')
                {
                    _i++;
                    continue;
                }

                if (_s[_i] == '}')
                {
                    _i++;
                    return result;
                }

                throw Error("expected ',' or '}'");
            }
        }

        private List<object?> ReadArray(int depth)
        {
            var result = new List<object?>();
            _i++;
            SkipWhitespace();
            if (!AtEnd && _s[_i] == ']')
            {
                _i++;
                return result;
            }

            while (true)
            {
                SkipWhitespace();
                result.Add(ReadValue(depth + 1));
                SkipWhitespace();
                if (AtEnd)
                {
                    throw Error("unterminated array");
                }

                if (_s[_i] == ',')
                {
                    _i++;
                    continue;
                }

                if (_s[_i] == ']')
                {
                    _i++;
                    return result;
                }

                throw Error("expected ',' or ']'");
            }
        }

        private string ReadString()
        {
            _i++;
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Error("unterminated string");
                }

                var c = _s[_i++];
                if (c == '"')
                {
                    return sb.ToString();
                }

                if (c != '\\')
                {
                    if (c < ' ')
                    {
                        throw Error("control character in string");
                    }

                    sb.Append(c);
                    continue;
                }

                if (AtEnd)
                {
                    throw Error("unterminated escape");
                }

                var e = _s[_i++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_i + 4 > _s.Length ||
                            !int.TryParse(_s.Substring(_i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Error("bad \\u escape");
                        }

                        sb.Append((char)code);
                        _i += 4;
                        break;
                    default:
                        throw Error("unknown escape '\\" + e + "'");
                }
            }
        }

        private double ReadNumber()
        {
            var start = _i;
            while (!AtEnd && "+-0123456789.eE".IndexOf(_s[_i]) >= 0)
            {
                _i++;
            }

            var text = _s.Substring(start, _i - start);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                _i = start;
                throw Error("bad number '" + text + "'");
            }

            return value;
        }
    }
}
