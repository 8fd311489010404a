// fmt, compiled once. Debian ships fmt as headers plus a shared library, and
// techpass loads no shared C++ library (cli/CMakeLists.txt). Defining
// FMT_HEADER_ONLY in every file made each file that includes <fmt/core.h>
// parse and compile all of fmt again (about a quarter of its compile time);
// here fmt's out-of-line functions are compiled for the whole program, and
// the templates that fmt declares but does not define inline in its headers
// are instantiated for the types we format.
#include <fmt/format-inl.h>

#include <locale>

FMT_BEGIN_NAMESPACE
namespace detail {

template auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;

template locale_ref::locale_ref(const std::locale& loc);
template auto locale_ref::get<std::locale>() const -> std::locale;

template auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl(locale_ref) -> char;
template void buffer<char>::append(const char*, const char*);
template void vformat_to(buffer<char>&, string_view, basic_format_args<FMT_BUFFER_CONTEXT(char)>,
                         locale_ref);

} // namespace detail
FMT_END_NAMESPACE
