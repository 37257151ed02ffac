package dev.streamrules.udfs.eql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Elasticsearch's EQL semantics, one row per case: whether the query returns the document, and the
 * rule of Elasticsearch's the row demonstrates. Documents are JSON, or {@code @name} for a named one
 * below; {@code ${LONG}} is a 1025-character value (over ECS's keyword {@code ignore_above}). The
 * field types are the built-in ECS table. This file is long because it is the table.
 */
class EqlSemanticsTest {

    private static final String LONG = "a".repeat(1025);

    private static final Map<String, String> DOCS = Map.of(
            "@cat",
                    "{\"@timestamp\":\"2024-05-01T12:00:00.123Z\",\"event\":{\"category\":[\"process\"],\"action\":\"exec\"},"
                            + "\"process\":{\"name\":\"cat\",\"pid\":42,\"args_count\":2,\"args\":[\"cat\",\"/proc/1/maps\"],"
                            + "\"command_line\":\"cat /proc/1/maps\",\"executable\":\"/usr/bin/cat\",\"interactive\":true},"
                            + "\"user\":{\"id\":0,\"name\":\"root\"},\"source\":{\"ip\":\"10.1.2.3\"},\"file\":{\"Ext\":{\"entropy\":7.5}}}",
            "@empty", "{}",
            "@multi",
                    "{\"event\":{\"category\":[\"process\",\"network\"]},\"process\":{\"pid\":[1,50],"
                            + "\"args\":[\"a\",\"B\",\"ccc\"]},\"source\":{\"ip\":[\"192.168.1.1\",\"fd00::1\"]}}");

    private static final String TABLE = """
            T | process where process.name == "cat" | @cat | == is a term query: exact value
            F | process where process.name == "CAT" | @cat | == is case-sensitive
            T | process where process.name : "CAT" | @cat | : without wildcards is a case-insensitive term query
            T | process where process.name : "C*" | @cat | : with a wildcard is a case-insensitive wildcard query
            F | process where process.name like "C*" | @cat | like is a case-sensitive wildcard query
            T | process where process.name like~ "C*" | @cat | like~ is case-insensitive
            T | process where process.name like "c?t" | @cat | ? is exactly one character
            F | process where process.name like "c?" | @cat | wildcards match the whole value
            T | process where process.executable like "*cat" | @cat | * crosses /
            T | process where process.executable : "/usr/*" | @cat | : wildcard over a path
            T | process where process.executable like "*" | @cat | * alone matches any value
            F | process where process.executable == "/usr/bin/*" | @cat | == has no wildcards
            T | process where process.executable == "/usr/bin/cat" | @cat | == on a path
            T | process where process.name != "bash" | @cat | != is must_not(term)
            F | process where process.name != "cat" | @cat | != is must_not(term)
            T | any where process.name != "cat" | @empty | must_not(term) is true on a missing field
            F | any where process.name == "cat" | @empty | a term query is false on a missing field
            T | any where not (process.name == "cat") | @empty | not of a term query is must_not: true on a missing field
            T | process where process.name in ("bash", "cat") | @cat | in is a terms query
            F | process where process.name in ("BASH", "CAT") | @cat | in is case-sensitive
            T | process where process.name in~ ("BASH", "CAT") | @cat | in~ is case-insensitive
            F | process where process.name not in ("bash", "cat") | @cat | not in is must_not(terms)
            T | any where process.name not in ("bash", "cat") | @empty | must_not(terms) is true on a missing field
            T | process where process.name not in~ ("BASH", "DOG") | @cat | not in~ is must_not of case-insensitive terms
            F | process where process.name not in~ ("BASH", "CAT") | @cat | not in~ is must_not of case-insensitive terms
            T | process where process.name : ("bash", "CA*") | @cat | : with a list is any of the patterns
            T | process where process.name like ("bash", "ca*") | @cat | like with a list
            F | process where process.name like ("bash", "CA*") | @cat | like with a list is case-sensitive
            T | process where process.name like~ ("bash", "CA*") | @cat | like~ with a list
            T | process where process.name regex "c.t" | @cat | regex is a regexp query over the whole value
            F | process where process.name regex "C.T" | @cat | regex is case-sensitive
            T | process where process.name regex~ "C.T" | @cat | regex~ is case-insensitive
            F | process where process.name regex "ca" | @cat | regexp queries are anchored: whole value
            T | process where process.executable regex "/usr/[a-z]+/cat" | @cat | character classes
            T | process where process.name regex "dog|c.*" | @cat | alternation
            T | process where process.name regex "c@" | @cat | Lucene syntax: @ is any string (all flags on)
            T | process where process.name regex ("dog", "[a-c]at") | @cat | regex with a list
            F | any where process.name regex ".*" | @empty | a regexp query is false on a missing field
            T | any where not process.name regex "x.*" | @empty | not of a regexp query is must_not
            T | process where process.args == "/proc/1/maps" | @cat | a multi-valued field matches when any value does
            T | process where process.args : "/PROC/*" | @cat | wildcard on a multi-valued field
            F | process where process.args != "cat" | @cat | must_not(term): one value equal is enough to exclude
            T | process where process.args != "bash" | @cat | must_not(term) with no value equal
            T | process where process.args like "*maps" | @cat | like on a multi-valued field
            T | process where process.args == "cat" and process.args == "/proc/1/maps" | @cat | each term query looks at all values
            T | process where process.pid > 10 and process.pid < 45 | @multi | each range query looks at all values (50 and 1)
            F | process where process.pid == 42 | @multi | no value equal
            T | process where length(process.args) == 3 | @cat | scripts try each value of a multi-valued field
            F | process where length(process.args) == 5 | @cat | no value has length 5
            T | process where not (length(process.args) == 3) | @cat | not pushed into the script: some value has another length
            T | process where length(process.args) + length(process.args) == 15 | @cat | each field occurrence iterates on its own (3 + 12)
            T | process where concat(process.args, process.name) == "/proc/1/mapscat" | @cat | scripts combine the values of several fields
            F | file where process.name == "cat" | @cat | the category is a term query on event.category
            T | any where process.name == "cat" | @cat | any has no category filter
            F | Process where true | @cat | the category term is case-sensitive
            T | process where true | @cat | where true matches the whole category
            F | any where false | @cat | where false matches nothing
            T | network where true | @multi | event.category is multi-valued
            T | any where true | @empty | any where true matches documents without a category
            F | process where true | @empty | a category filter is false on a missing event.category
            T | process where process.pid == 42 | @cat | long field: numeric term
            T | process where process.pid == "42" | @cat | a long field reads a string literal as a number
            F | process where process.pid == 42.5 | @cat | a long never equals a fraction
            T | process where process.pid > 41.5 | @cat | numeric range with a decimal bound
            T | process where process.pid >= 42 | @cat | range gte
            F | process where process.pid > 42 | @cat | range gt
            T | process where process.pid <= 42 | @cat | range lte
            F | process where process.pid < 42 | @cat | range lt
            T | process where process.pid != 41 | @cat | must_not(term) on a number
            T | process where 40 < process.pid | @cat | a literal on the left moves to the right (40 < pid is pid > 40)
            F | process where 42 < process.pid | @cat | a literal on the left moves to the right
            T | process where process.pid in (1, 42) | @cat | terms on a long field
            F | process where process.pid not in (1, 42) | @cat | must_not(terms) on a long field
            T | any where process.pid not in (1, 42) | @empty | must_not(terms) on a missing number
            T | any where process.pid > 40 | {"process":{"pid":"42"}} | a long field indexes the string "42" as 42
            T | any where process.pid == 5 | {"process":{"pid":5.7}} | a long field truncates 5.7 to 5 (coerce)
            F | any where process.pid > 0 | {"process":{"pid":"abc"}} | a value a long field cannot read is not indexed
            T | any where process.pid != 1 | {"process":{"pid":"abc"}} | an unindexed value is like a missing one for must_not
            T | any where file.Ext.entropy > 7 | @cat | double field range
            T | any where file.Ext.entropy == 7.5 | @cat | double field term
            F | any where file.Ext.entropy < 7.5 | @cat | double field range lt
            T | any where user.id == 0 | @cat | keyword field: the number 0 is the term "0"
            T | any where user.id == "0" | @cat | keyword field: the JSON number 0 was indexed as "0"
            T | any where user.id < "9" | {"user":{"id":"10"}} | keyword ranges compare text, not numbers
            T | process where process.name > "b" | @cat | keyword range: ordinal string order
            F | process where process.name < "B" | @cat | keyword range is case-sensitive ("c" sorts after "B")
            T | process where process.name > 5 | @cat | keyword range with a number compares text "5"
            T | process where process.name >= "cat" | @cat | keyword range gte includes the value
            F | process where process.name > "cat" | @cat | keyword range gt excludes the value
            F | any where process.name < "\uff5e" | {"process":{"name":"\ud83d\ude00"}} | code point (UTF-8) order, not UTF-16: the emoji sorts after U+FF5E
            T | any where process.name > "\uff5e" | {"process":{"name":"\ud83d\ude00"}} | code point (UTF-8) order, not UTF-16
            T | any where process.name == null | @empty | == null is must_not(exists)
            F | any where process.name == null | @cat | == null on a present field
            T | any where process.name != null | @cat | != null is exists
            F | any where process.name != null | @empty | != null on a missing field
            T | any where process.name == null | {"process":{"name":null}} | a JSON null is not indexed: the field is missing
            T | any where process.args == null | {"process":{"args":[]}} | an empty array is not indexed: the field is missing
            F | any where process.args != null | {"process":{"args":[null]}} | an array of nulls has no value
            T | any where null == process.name | @empty | null on the left works the same
            F | any where process.pid < 5 | @empty | a range query is false on a missing field
            F | any where not (process.pid < 5) | @empty | not (pid < 5) is rewritten to pid >= 5, a range: false on a missing field
            T | any where not (process.pid < 5) | @multi | not (pid < 5) is pid >= 5: some value (50) is, although 1 is not
            F | any where not (process.pid >= 5 and process.pid <= 10) | @empty | not over and is pushed down to ranges: all false when missing
            T | any where not (process.name == "x") | @empty | not (==) is != : must_not, true when missing
            F | any where length(process.name) > 0 | @empty | a script on a missing field sees null: no match
            F | any where not (length(process.name) > 0) | @empty | not of a null script is still null: no match
            F | any where length(process.name) != 3 | @empty | != in a script is null on a missing field
            T | any where length(process.name) == null | @empty | == null on a script is an IsNull script: true
            T | any where length(process.name) != null | @cat | != null on a script
            T | any where not (process.name == "cat" and length(process.title) > 1) | {"process":{"name":"bash"}} | not (a and b) is not a or not b
            F | any where not (process.name == "cat" and length(process.title) > 1) | {"process":{"name":"cat"}} | not pushed into the script child: length(title) <= 1 is null, no match
            T | any where process.name : "x" or process.pid != 3 | @empty | or of a term and a must_not
            F | any where process.name == "cat" and length(process.title) < 5 | @cat | and with a script child: the script is false on null
            T | any where process.name == "cat" or length(process.title) < 5 | @cat | or with a script child
            F | any where process.name == "${LONG}" | {"process":{"name":"${LONG}"}} | ignore_above 1024: the long value is not indexed
            T | any where process.name != "${LONG}" | {"process":{"name":"${LONG}"}} | ignore_above: must_not is true, the value is invisible
            T | any where process.name == null | {"process":{"name":"${LONG}"}} | ignore_above: exists is false
            F | any where process.name : "a*" | {"process":{"name":"${LONG}"}} | ignore_above hides the value from wildcard queries
            F | any where length(process.name) > 0 | {"process":{"name":"${LONG}"}} | ignore_above: no doc values, scripts see null
            T | any where process.name : "b*" | {"process":{"name":["${LONG}","bash"]}} | ignore_above hides only the long value
            T | any where process.command_line : "a*" | {"process":{"command_line":"${LONG}"}} | process.command_line is a wildcard field: no ignore_above
            T | process where startsWith(process.name, "ca") | @cat | startsWith on a field is a prefix query
            F | process where startsWith(process.name, "CA") | @cat | startsWith is case-sensitive
            T | process where startsWith~(process.name, "CA") | @cat | startsWith~ is case-insensitive
            F | process where startsWith(process.name, "c*") | @cat | prefix queries take the text literally
            T | any where startsWith(process.name, "c*") | {"process":{"name":"c*t"}} | prefix queries take the text literally
            F | any where startsWith(process.name, "") | @empty | prefix query is false on a missing field
            T | any where not startsWith(process.name, "x") | @empty | not of a prefix query is must_not
            T | process where endsWith(process.executable, "/cat") | @cat | endsWith on a field is a wildcard query *text
            F | process where endsWith(process.executable, "/CAT") | @cat | endsWith is case-sensitive
            T | process where endsWith~(process.executable, "/CAT") | @cat | endsWith~ is case-insensitive
            T | process where endsWith(process.name, "?t") | @cat | the text is pasted into the wildcard unescaped: ? is a wildcard
            T | process where stringContains(process.command_line, "proc") | @cat | stringContains on a field is a wildcard query *text*
            F | process where stringContains(process.command_line, "PROC") | @cat | stringContains is case-sensitive
            T | process where stringContains~(process.command_line, "PROC") | @cat | stringContains~ is case-insensitive
            T | process where stringContains(process.name, "") | @cat | as a wildcard query, an empty text matches any value
            F | process where stringContains(concat(process.name, ""), "") | @cat | as a script, an empty text is false
            T | process where stringContains(concat(process.name, "x"), "tx") | @cat | stringContains as a script
            T | any where not stringContains(process.name, "x") | @empty | not of a wildcard query is must_not
            T | process where length(process.name) == 3 | @cat | length
            T | process where length(process.name) < 4 | @cat | length compared with a range
            F | process where length(process.name) == 4 | @cat | length
            T | process where between(process.executable, "/usr/", "/cat") == "bin" | @cat | between
            T | any where between(process.executable, "/", "/") == "a" | {"process":{"executable":"/a/b/a/b"}} | between is not greedy by default
            T | any where between(process.executable, "/", "/", true) == "a/b/a" | {"process":{"executable":"/a/b/a/b"}} | between greedy: up to the last right
            T | process where between~(process.executable, "/USR/", "/CAT") == "bin" | @cat | between~ is case-insensitive
            T | process where between(process.executable, "/USR/", "/CAT") == "" | @cat | between is case-sensitive: not found is ""
            T | process where between(process.name, "x", "y") == "" | @cat | between without left is ""
            F | process where between(process.name, "t", "c", true) == "" | @cat | greedy with the last right before the left is an error in Elasticsearch: no match
            T | process where indexOf(process.name, "a") == 1 | @cat | indexOf
            T | process where indexOf(process.name, "A") == null | @cat | indexOf is case-sensitive; not found is null
            T | process where indexOf~(process.name, "A") == 1 | @cat | indexOf~ is case-insensitive
            T | process where indexOf(process.executable, "/", 1) == 4 | @cat | indexOf from a start position
            F | process where indexOf(process.name, "z") >= 0 | @cat | not found is null: no match
            T | process where substring(process.name, 1) == "at" | @cat | substring to the end
            T | process where substring(process.name, -2) == "at" | @cat | substring with a negative start counts from the end
            T | process where substring(process.name, 0, -1) == "ca" | @cat | substring with a negative end
            T | process where substring(process.name, 5) == "" | @cat | substring past the end is ""
            T | process where substring(process.name, -10, 2) == "ca" | @cat | substring clamps a start before the beginning
            T | process where concat(process.name, "-", process.pid) == "cat-42" | @cat | concat converts numbers to text
            F | process where concat(process.name, process.title) == "cat" | @cat | concat with a missing field is null
            T | process where concat(process.name, process.title) == null | @cat | concat with a missing field is null
            T | process where string(process.pid) == "42" | @cat | string
            T | process where string(process.pid) : "4*" | @cat | : on a script value
            F | process where string(process.pid) like "X*" | @cat | like on a script value
            T | process where string(process.pid) regex "4[0-9]" | @cat | regex on a script value
            T | any where number(process.title) == 12 | {"process":{"title":"12"}} | number parses base 10
            T | any where number(process.title, 16) == 18 | {"process":{"title":"12"}} | number with a base
            T | any where number(process.title) == 255 | {"process":{"title":"0xff"}} | number: 0x means base 16
            T | any where number(process.title) == 1.5 | {"process":{"title":"1.5"}} | number parses decimals in base 10
            F | any where number(process.title) > 0 | {"process":{"title":"abc"}} | number of a non-number is an error (Elasticsearch fails the search): no match
            T | process where add(process.pid, 1) == 43 | @cat | add
            T | process where subtract(process.pid, 2) == 40 | @cat | subtract
            T | process where multiply(process.pid, 2) == 84 | @cat | multiply
            T | process where divide(process.pid, 5) == 8 | @cat | divide: integer division on integers
            T | process where divide(process.pid, 5.0) == 8.4 | @cat | divide: a decimal operand makes a decimal division
            T | process where modulo(process.pid, 5) == 2 | @cat | modulo
            T | process where process.pid + 1 == 43 | @cat | infix +
            T | process where process.pid / 5 == 8 | @cat | infix / on integers truncates
            T | process where process.pid % 5 == 2 | @cat | infix %
            T | process where process.pid * 2 > 80 | @cat | infix *
            T | process where -process.pid == -42 | @cat | unary minus
            T | process where process.pid - 50 < 0 | @cat | infix -
            T | process where (4 / process.args_count) == 2 | @cat | the documented example: integer division
            T | process where (4 / process.args_count) == 1 | {"event":{"category":"process"},"process":{"args_count":3}} | 4 / 3 is 1 on integers
            F | process where (4.0 / process.args_count) == 1 | {"event":{"category":"process"},"process":{"args_count":3}} | 4.0 / 3 is 1.33
            F | process where process.pid / 0 == 0 | @cat | integer division by zero is an error: no match
            T | process where process.pid / 0.0 > 0 | @cat | decimal division by zero is infinity
            F | process where process.pid * 9223372036854775807 > 0 | @cat | long overflow is an error: no match
            F | process where length(process.name) * 2147483647 > 0 | @cat | int arithmetic overflows at 32 bits: an error, no match
            F | process where process.parent.pid + 1 > 0 | @cat | arithmetic on a missing field is null
            F | process where not (process.parent.pid + 1 > 0) | @cat | not of a null script is no match
            T | any where cidrMatch(source.ip, "10.0.0.0/8") | @cat | cidrMatch is a terms query on the ip field
            T | any where cidrMatch(source.ip, "192.168.0.0/16", "10.1.2.0/24") | @cat | cidrMatch with several blocks
            F | any where cidrMatch(source.ip, "192.168.0.0/16") | @cat | cidrMatch outside the block
            T | any where cidrMatch(source.ip, "fd00::/8") | @multi | cidrMatch with an IPv6 block, on a multi-valued field
            F | any where cidrMatch(source.ip, "fd00::/8") | @cat | an IPv4 address is not in an IPv6 block
            T | any where cidrMatch(source.ip, "10.1.2.3/32") | @cat | a /32 block is one address
            T | any where not cidrMatch(source.ip, "10.0.0.0/8") | @empty | not of a terms query is must_not
            T | any where source.ip == "10.1.2.3" | @cat | ip term
            T | any where source.ip == "10.1.2.0/24" | @cat | an ip term query accepts a CIDR block
            T | any where source.ip == "::ffff:10.1.2.3" | @cat | IPv4-mapped IPv6 is the same address
            T | any where source.ip in ("1.1.1.1", "10.1.2.3") | @cat | ip terms
            T | any where source.ip > "10.0.0.0" | @cat | ip range compares addresses
            F | any where source.ip < "9.255.255.255" | @cat | ip range compares addresses, not text
            T | any where source.ip != "1.1.1.1" | @cat | ip must_not(term)
            T | any where string(source.ip) == "fd00::1" | @multi | scripts see addresses as text, IPv6 compressed
            T | any where string(source.ip) == "10.1.2.3" | @cat | scripts see IPv4 addresses dotted
            T | any where process.name regex "(a|c)(a|t)+" | @cat | regexp groups and repetition
            T | any where @timestamp > "2024-01-01" | @cat | date range: the literal is a date
            F | any where @timestamp > "2024-05-01" | @cat | gt rounds a partial date up to its last instant (the end of the day)
            T | any where @timestamp >= "2024-05-01" | @cat | gte rounds down (the start of the day)
            F | any where @timestamp < "2024-05-01" | @cat | lt rounds down
            T | any where @timestamp <= "2024-05-01" | @cat | lte rounds up: the whole day
            T | any where @timestamp == "2024-05-01" | @cat | a term on a date is the range of the partial date
            T | any where @timestamp == "2024-05-01T12:00:00.123Z" | @cat | date term with milliseconds
            T | any where @timestamp == "2024-05-01T12:00:00.123456Z" | @cat | a date field keeps milliseconds
            F | any where @timestamp == "2024-05-01T12:00:00.124Z" | @cat | date term
            T | any where @timestamp > 1714564800000 | @cat | a number is epoch milliseconds
            F | any where @timestamp < "2024-05-01T13:00:00+02:00" | @cat | time zones in the literal (11:00Z)
            T | any where @timestamp < "2024-05-01T15:00:00+02:00" | @cat | time zones in the literal (13:00Z)
            T | any where process.interactive == true | @cat | boolean term
            T | any where process.interactive == "true" | @cat | a boolean field reads "true"
            T | process where process.interactive | @cat | a boolean field alone is the term true
            F | any where process.interactive != true | @cat | boolean must_not(term)
            T | any where not process.interactive | {"process":{"interactive":false}} | not of a boolean field
            T | any where not process.interactive | @empty | not of a boolean field is must_not: true when missing
            F | process where process.name in ("x", null) | @cat | null items of in are dropped
            T | process where process.name in ("cat", null) | @cat | null items of in are dropped
            T | any where process.name : "k" | {"process":{"name":"\u212a"}} | : folds case like Lucene: the Kelvin sign is a k
            F | any where process.name == "k" | {"process":{"name":"\u212a"}} | == does not fold
            T | any where process.name like~ "\u017f*" | {"process":{"name":"S"}} | the long s folds to s
            T | any where process.name == "cat" | {"process.name":"cat"} | dotted keys are the same field
            T | any where process.name == "bash" | {"process.name":"cat","process":{"name":"bash"}} | both spellings make one multi-valued field
            T | process where process.name == "cat" | @cat | an event without host.id is evaluated like any other
            T | any where host.id == "b" | {"host":{"id":["a","b"]}} | a multi-valued host.id matches on any value
            T | any where ?process.foo == "x" | {"process":{"foo":"x"}} | with the ECS table, an unknown field is a keyword
            T | any where ?process.foo != "x" | @empty | with the ECS table, an unknown optional field is a missing keyword
            T | any where process.name : "a\\\\b" | {"process":{"name":"A\\\\b"}} | : without wildcards is a term: the backslash is literal
            F | any where process.name like "a\\\\b" | {"process":{"name":"a\\\\b"}} | like is a wildcard: the backslash escapes the b
            T | any where process.name like "a\\\\*" | {"process":{"name":"a*"}} | an escaped star is a literal star
            F | any where process.name like "a\\\\*" | {"process":{"name":"ab"}} | an escaped star is a literal star
            T | any where length("abc") == 3 | @empty | expressions without fields are folded: true everywhere
            F | any where 1 == 2 | @cat | folded constants
            T | any where process.name == "cat" or 1 == 1 | @empty | folded true in an or
            """;

    static Stream<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        int line = 0;
        for (String row : TABLE.split("\n")) {
            line++;
            if (row.isBlank()) {
                continue;
            }
            String[] cols = row.split(" \\| ", 4);
            if (cols.length != 4 || !(cols[0].equals("T") || cols[0].equals("F"))) {
                throw new IllegalArgumentException("bad row " + line + ": " + row);
            }
            String doc = DOCS.getOrDefault(cols[2].trim(), cols[2].trim()).replace("${LONG}", LONG);
            String query = cols[1].trim().replace("${LONG}", LONG);
            String label = String.format("%3d %s: %s", line, cols[0], cols[3].trim());
            rows.add(Arguments.of(label, query, doc, cols[0].equals("T")));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void elasticsearchAnswers(String rule, String query, String doc, boolean expected) {
        CompiledEventQuery compiled = EqlTestSupport.compile(query);
        assertThat(compiled.test(EqlTestSupport.event(doc)))
                .as("%s%n  query: %s%n  doc:   %s%n  plan:  %s", rule, query, doc, compiled.plan())
                .isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void theTableIsLarge() {
        assertThat(rows().count()).isGreaterThanOrEqualTo(200);
    }
}
