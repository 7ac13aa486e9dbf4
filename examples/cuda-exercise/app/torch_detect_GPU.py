"""Report which PyTorch build the container runs and whether it can reach a CUDA GPU."""

import torch


def main() -> None:
    print(f"PyTorch {torch.__version__}")
    if torch.cuda.is_available():
        count = torch.cuda.device_count()
        names = ", ".join(torch.cuda.get_device_name(i) for i in range(count))
        print(f"CUDA {torch.version.cuda}: {count} device(s): {names}")
    else:
        print("CUDA is not available: running on the CPU")


if __name__ == "__main__":
    main()
