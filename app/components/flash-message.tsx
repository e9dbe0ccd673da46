import type { Flash } from "../utils/flash.server";

const STYLES: Record<Flash["kind"], string> = {
  success: "border-green-700 bg-green-50 text-green-900",
  info: "border-sky-700 bg-sky-50 text-sky-900",
  error: "border-red-700 bg-red-50 text-red-900",
};

export function FlashMessage({ flash }: { flash: Flash }) {
  return (
    <div className="mx-auto mt-4 max-w-6xl px-4">
      <div role="status" className={`rounded-md border-l-4 px-4 py-3 text-sm font-medium ${STYLES[flash.kind]}`}>
        {flash.message}
      </div>
    </div>
  );
}
