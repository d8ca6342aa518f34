"""Static generator for bilingual, right-to-left-first explainer sites.

The package is engine-neutral at its core: :mod:`explainer.content` loads and validates
the content, :mod:`explainer.markdown` holds the Python-Markdown extensions that render
it, and :mod:`explainer.mkdocs_plugin` is the thin glue to MkDocs.
"""
