"""Python-Markdown extensions that render the explainer's content.

Each module is one extension, usable by any engine that runs Python-Markdown::

    markdown_extensions:
      - explainer.source: {content: docs/data, lang: ar}
"""
