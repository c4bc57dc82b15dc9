"""Old name of ``valmennus.demo.simulate``, kept only for code run in the hub's venv that still says
``from valmennus.simulate import ...`` (``benchmarks/hub.py``, its participants' kernels). The module
object is the same one: ``valmennus.simulate is valmennus.demo.simulate``. New code imports
``valmennus.demo.simulate``.
"""

import sys

from .demo import simulate as _simulate

sys.modules[__name__] = _simulate
